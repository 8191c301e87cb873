from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .rich_text import SHORT_TEXT_FEATURES


class CaseStudyBlock(blocks.StructBlock):
    """An MSME story: the business, its IP challenge, what it did, what came of it."""

    business = blocks.CharBlock(label=_("business"), max_length=120)
    country = blocks.CharBlock(label=_("country"), required=False, max_length=80)
    sector = blocks.CharBlock(label=_("sector"), required=False, max_length=80)
    challenge = blocks.RichTextBlock(label=_("challenge"), features=SHORT_TEXT_FEATURES)
    approach = blocks.RichTextBlock(label=_("approach"), features=SHORT_TEXT_FEATURES)
    outcome = blocks.RichTextBlock(label=_("outcome"), features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "user"
        label = _("MSME case study")
        template = "blocks/case_study.html"
