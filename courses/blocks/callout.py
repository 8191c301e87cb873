from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .rich_text import SHORT_TEXT_FEATURES


class KeyPointBlock(blocks.StructBlock):
    """A highlighted key point the learner should remember."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("text"), features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "pick"
        label = _("Key point")
        template = "blocks/key_point.html"
