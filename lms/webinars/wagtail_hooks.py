"""Wagtail admin for webinars: the bureaus, each with its section and group."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.core.admin_panels import language_tabs

from .models import Bureau, WebinarIndexPage
from .page_buttons import webinar_buttons
from .services import bureau_section_ensure


class BureauViewSet(SnippetViewSet):
    """The regional bureaus; saving one sets up its webinar section and group."""

    model = Bureau
    icon = "globe"
    menu_label = _("Bureaus")
    menu_order = 250
    add_to_admin_menu = False
    list_display = ["name", "region", "slug", "sort_order"]
    list_filter = ["region"]
    search_fields = ["name"]

    @cached_property
    def edit_handler(self):
        settings = ObjectList(
            [FieldPanel("slug"), FieldPanel("region"), FieldPanel("sort_order")],
            heading=_("Settings"),
        )
        return TabbedInterface([settings, *language_tabs("name")])


register_snippet(BureauViewSet)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def ensure_bureau_section(request, instance):
    if isinstance(instance, Bureau):
        bureau_section_ensure(bureau=instance)


@hooks.register("before_delete_snippet")
def keep_bureaus_with_a_section(request, instances):
    """A bureau with a webinar section stays: its webinars would lose their bureau.

    Wagtail's own protection relies on its reference index, which does not
    record one-to-one links such as the section's, so it is checked here.
    """
    bureaus = [instance for instance in instances if isinstance(instance, Bureau)]
    if not bureaus:
        return None
    sections = WebinarIndexPage.objects.filter(bureau__in=bureaus).select_related(
        "bureau"
    )
    names = ", ".join(str(section.bureau) for section in sections)
    if not names:
        return None
    messages.error(
        request,
        _(
            "%(bureaus)s cannot be deleted: first delete its webinar section "
            "in the page tree."
        )
        % {"bureaus": names},
    )
    return redirect(Bureau.snippet_viewset.get_url_name("list"))


@hooks.register("register_page_header_buttons")
def webinar_header_buttons(page, user, view_name, next_url=None):
    yield from webinar_buttons(page, user, listing=False)


@hooks.register("register_page_listing_more_buttons")
def webinar_listing_buttons(page, user, next_url=None):
    yield from webinar_buttons(page, user, listing=True)


from .admin import hooks  # noqa: E402, F401
from .staff import hooks as staff_hooks  # noqa: E402, F401
