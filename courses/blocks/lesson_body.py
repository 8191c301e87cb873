from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .callout import KeyPointBlock
from .case_study import CaseStudyBlock
from .document import DocumentBlock
from .figure import FigureBlock
from .glossary import GlossaryTermBlock
from .quiz import QuizBlock
from .rich_text import LESSON_TEXT_FEATURES
from .video import VideoBlock


class LessonBodyBlock(blocks.StreamBlock):
    """Everything a lesson may contain, in any order."""

    text = blocks.RichTextBlock(label=_("Text"), features=LESSON_TEXT_FEATURES)
    key_point = KeyPointBlock()
    figure = FigureBlock()
    video = VideoBlock()
    document = DocumentBlock()
    glossary_term = GlossaryTermBlock()
    case_study = CaseStudyBlock()
    quiz = QuizBlock()
