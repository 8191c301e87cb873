import uuid
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.models import CoursePage, CourseTopic, ModulePage
from courses.models.mixins import TranslatedPageMixin

from ..zones import (
    aware_to_wall_time,
    wall_time_to_aware,
    zone_choices,
    zone_of,
    zone_validate,
)


class WebinarStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    FINISHED = "finished", _("Finished")


class WebinarIndexPage(TranslatedPageMixin, Page):
    """A bureau's webinar section: its webinars are the children.

    Sections are not added by hand: ``bureau_section_ensure`` creates one
    under the home page for each bureau, with the group that may edit it.
    """

    bureau = models.OneToOneField(
        "webinars.Bureau",
        verbose_name=_("bureau"),
        # A bureau with a section (and so webinars) is not deleted by accident.
        on_delete=models.PROTECT,
        related_name="section",
    )
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["webinars.WebinarPage"]
    is_creatable = False

    class Meta:
        verbose_name = _("webinar section")
        verbose_name_plural = _("webinar sections")


class WebinarPageForm(WagtailAdminPageForm):
    """Start and deadline are typed in the webinar's own time zone.

    Staff plan a webinar in Nairobi time whatever their own admin time zone:
    the form shows the stored instants as wall time in ``time_zone`` and reads
    what is typed the same way.
    """

    local_time_fields = ("starts_at", "registration_deadline")

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if "time_zone" in self.fields:
            field = self.fields["time_zone"]
            self.fields["time_zone"] = forms.ChoiceField(
                label=field.label,
                help_text=field.help_text,
                choices=zone_choices(),
                initial=field.initial,
            )
        zone_name = self.instance.time_zone
        for name in self.local_time_fields:
            value = getattr(self.instance, name)
            if name in self.fields and value is not None:
                self.initial[name] = aware_to_wall_time(value, zone_name)
        if self.instance.bureau_id is None and parent_page is not None:
            section = parent_page.specific
            self.instance.bureau_id = getattr(section, "bureau_id", None)

    def clean(self):
        cleaned = super().clean()
        zone_name = cleaned.get("time_zone")
        if not zone_name:
            return cleaned
        for name in self.local_time_fields:
            value = cleaned.get(name)
            if value is None:
                continue
            # The field made the typed wall time aware in the admin's own
            # zone; take the wall time back and place it in the webinar's.
            typed = timezone.make_naive(value) if timezone.is_aware(value) else value
            try:
                cleaned[name] = wall_time_to_aware(typed, zone_name)
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned


class WebinarPage(TranslatedPageMixin, Page):
    """A webinar of one bureau: when, where online, for how many, and after
    the event its recording and slides.

    The start is stored as an instant (UTC) together with the IANA time zone
    it was planned in. ``sequence`` and ``uid`` identify the event in
    calendar invitations: ``sequence`` grows whenever the time, the link or
    the status changes, so calendars replace the invitation they hold.
    The meeting link is for confirmed participants; pages must not show it
    to anyone else.
    """

    description = RichTextField(
        _("description"),
        features=["bold", "italic", "link", "ol", "ul", "h3"],
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the webinar is held in."),
    )
    bureau = models.ForeignKey(
        "webinars.Bureau",
        verbose_name=_("bureau"),
        null=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="webinars",
    )
    topic = models.CharField(_("topic"), max_length=20, choices=CourseTopic.choices)
    related_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("related course or module"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_at = models.DateTimeField(
        _("starts at"), help_text=_("Local time in the webinar's time zone.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[zone_validate],
        help_text=_("Where the start time is given, e.g. Africa/Nairobi."),
    )
    duration_minutes = models.PositiveIntegerField(
        _("duration in minutes"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
    )
    capacity = models.PositiveIntegerField(
        _("seats"),
        default=100,
        validators=[MinValueValidator(1)],
        help_text=_("People beyond this number join the waiting list."),
    )
    registration_deadline = models.DateTimeField(
        _("registration closes at"),
        null=True,
        blank=True,
        help_text=_(
            "Local time in the webinar's time zone. Leave empty to accept "
            "registrations until the start."
        ),
    )
    meeting_url = models.URLField(_("meeting link"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=WebinarStatus.choices,
        default=WebinarStatus.SCHEDULED,
    )
    min_attended_minutes = models.PositiveIntegerField(
        _("minutes to count as attended"),
        default=30,
        help_text=_("Attendance certificates need at least this much time online."),
    )
    recording_url = models.URLField(_("recording link"), blank=True)
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("slides"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completes_related_module = models.BooleanField(
        _("attending completes the related module"),
        default=False,
        help_text=_(
            "Registrants who attend (for the minutes above) get the related "
            "module marked as completed."
        ),
    )
    sequence = models.PositiveIntegerField(_("invitation version"), default=0)
    #: The ``sequence`` registrants were last told of (update emails).
    announced_sequence = models.PositiveIntegerField(default=0, editable=False)
    uid = models.UUIDField(_("calendar identifier"), default=uuid.uuid4, unique=True)

    #: Fields whose change makes calendars replace the invitation they hold.
    calendar_fields = (
        "starts_at",
        "time_zone",
        "duration_minutes",
        "meeting_url",
        "status",
    )
    translation_check_fields = ("title", "description")
    # A copy is another event: it gets its own calendar identity.
    exclude_fields_in_copy = ["uid", "sequence", "announced_sequence"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("starts_at"),
                FieldPanel("time_zone"),
                FieldPanel("duration_minutes"),
                FieldPanel("registration_deadline"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("capacity"),
                FieldPanel("meeting_url"),
                FieldPanel("min_attended_minutes"),
                FieldPanel("completes_related_module"),
            ],
            heading=_("Registration and attendance"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("language"),
                FieldPanel("topic"),
                PageChooserPanel(
                    "related_page", ["courses.CoursePage", "courses.ModulePage"]
                ),
            ],
            heading=_("About the webinar"),
        ),
        InlinePanel("speakers", heading=_("Speakers"), label=_("Speaker")),
        MultiFieldPanel(
            [FieldPanel("recording_url"), FieldPanel("slides")],
            heading=_("After the webinar"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.FilterField("language"),
        index.FilterField("topic"),
        index.FilterField("status"),
        index.FilterField("starts_at"),
    ]
    parent_page_types = ["webinars.WebinarIndexPage"]
    subpage_types = []
    base_form_class = WebinarPageForm

    class Meta:
        verbose_name = _("webinar")
        verbose_name_plural = _("webinars")

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def registration_closes_at(self):
        """When registration closes: the deadline if set, else the start."""
        return self.registration_deadline or self.starts_at

    def local_starts_at(self):
        """The start as aware local time in the webinar's time zone."""
        return timezone.localtime(self.starts_at, zone_of(self.time_zone))

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.starts_at
            and self.registration_deadline
            and self.registration_deadline > self.starts_at
        ):
            errors["registration_deadline"] = _(
                "Registration must close before the webinar starts, or at its start."
            )
        if self.related_page_id is not None:
            related = Page.objects.filter(pk=self.related_page_id).first()
            if related is None or related.specific_class not in (
                CoursePage,
                ModulePage,
            ):
                errors["related_page"] = _("Choose a course or a module.")
        if self.pk is not None:
            errors.update(self._check_against_live())
        if errors:
            raise ValidationError(errors)
        self._bureau_from_parent()

    def save(self, *args, **kwargs):
        # Wagtail's edit view publishes outside any transaction; Page.save
        # cleans and then writes. One transaction around both keeps the live
        # row locked by ``_check_against_live`` until the new seats are
        # stored, so no registration is confirmed in between.
        with transaction.atomic():
            return super().save(*args, **kwargs)

    def _check_against_live(self) -> dict:
        """Compare with the published webinar: seats and invitation version.

        Inside a transaction (``save`` opens one) the live row is locked, as
        ``registration_create`` locks it, so no seat is confirmed between
        this check and the save.
        """
        rows = WebinarPage.objects.filter(pk=self.pk)
        if connection.in_atomic_block:
            rows = rows.select_for_update(of=("self",))
        live = rows.values("sequence", *self.calendar_fields).first()
        if live is None:
            return {}
        changed = any(
            getattr(self, name) != live[name] for name in self.calendar_fields
        )
        self.sequence = live["sequence"] + 1 if changed else live["sequence"]
        if self.capacity is None:
            return {}
        confirmed = self.confirmed_count()
        if self.capacity < confirmed:
            return {
                "capacity": ngettext(
                    "%(count)d person is already confirmed: the webinar needs "
                    "at least %(count)d seat.",
                    "%(count)d people are already confirmed: the webinar needs "
                    "at least %(count)d seats.",
                    confirmed,
                )
                % {"count": confirmed}
            }
        return {}

    def _bureau_from_parent(self) -> None:
        """The webinar belongs to the bureau of the section it is in."""
        if not self.path:
            return
        parent_path = self.path[: -self.steplen]
        bureau_id = (
            WebinarIndexPage.objects.filter(path=parent_path)
            .values_list("bureau_id", flat=True)
            .first()
        )
        if bureau_id is not None:
            self.bureau_id = bureau_id

    def confirmed_count(self) -> int:
        from .registration import RegistrationStatus

        return self.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


class WebinarSpeaker(Orderable):
    """A person who speaks at a webinar; role and affiliation are translated."""

    webinar = ParentalKey(
        WebinarPage, on_delete=models.CASCADE, related_name="speakers"
    )
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=160, blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=160, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("affiliation")]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name
