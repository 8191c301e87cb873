from django.utils.translation import gettext_lazy as _
from wagtail.snippets.blocks import SnippetChooserBlock


class GlossaryTermBlock(SnippetChooserBlock):
    """A term from the shared glossary, shown with its definition."""

    def __init__(self, **kwargs):
        super().__init__("courses.GlossaryTerm", **kwargs)

    class Meta:
        icon = "help"
        label = _("Glossary term")
        template = "blocks/glossary_term.html"
