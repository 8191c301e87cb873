"""StreamField blocks for lessons, one block per file."""

from .callout import KeyPointBlock
from .case_study import CaseStudyBlock
from .document import DocumentBlock
from .figure import FigureBlock
from .glossary import GlossaryTermBlock
from .lesson_body import LessonBodyBlock
from .quiz import QuizBlock
from .video import VideoBlock

__all__ = [
    "CaseStudyBlock",
    "DocumentBlock",
    "FigureBlock",
    "GlossaryTermBlock",
    "KeyPointBlock",
    "LessonBodyBlock",
    "QuizBlock",
    "VideoBlock",
]
