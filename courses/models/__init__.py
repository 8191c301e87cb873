"""The course page tree: Home -> CourseIndex -> Course -> Module -> Lesson."""

from .catalogue import CourseIndexPage, CourseLevel, CoursePage, CourseTopic
from .glossary import GlossaryTerm
from .home import HomePage
from .lesson import LessonPage
from .module import ModulePage

__all__ = [
    "CourseIndexPage",
    "CourseLevel",
    "CoursePage",
    "CourseTopic",
    "GlossaryTerm",
    "HomePage",
    "LessonPage",
    "ModulePage",
]
