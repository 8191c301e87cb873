"""Wagtail admin for webinars: the bureaus, each with its section and group."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.core.admin_panels import language_tabs

from .models import Bureau
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
