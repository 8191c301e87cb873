from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class VideoBlock(blocks.StructBlock):
    """A video with its full transcript.

    The page shows a link and the transcript rather than an embedded player:
    learners on slow connections read the transcript and load the video only
    if they choose to.
    """

    title = blocks.CharBlock(label=_("title"), max_length=200)
    url = blocks.URLBlock(label=_("video address"))
    duration = blocks.CharBlock(
        label=_("duration"),
        required=False,
        max_length=20,
        help_text=_("For example 4:30"),
    )
    transcript = blocks.RichTextBlock(
        label=_("transcript"), features=["bold", "italic", "ul", "ol"]
    )

    class Meta:
        icon = "media"
        label = _("Video with transcript")
        template = "blocks/video.html"
