from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    """The shared glossary, edited by trainers in the admin."""

    model = GlossaryTerm
    icon = "help"
    menu_label = _("Glossary")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["term", "key"]
    search_fields = ["term", "key"]


register_snippet(GlossaryTermViewSet)
