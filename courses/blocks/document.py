from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class DocumentBlock(blocks.StructBlock):
    """A file the learner can download, with a line on why it is worth it."""

    document = DocumentChooserBlock(label=_("document"))
    description = blocks.CharBlock(
        label=_("description"), required=False, max_length=200
    )

    class Meta:
        icon = "doc-full"
        label = _("Downloadable document")
        template = "blocks/document.html"
