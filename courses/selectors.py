"""Reads the course pages share, each in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Q
from wagtail.models import Page

from .models import LessonPage, ModulePage


@dataclass
class ModuleOutline:
    """A module of a course with its live lessons, in tree order."""

    module: ModulePage
    lessons: list[LessonPage] = field(default_factory=list)

    @property
    def required_lessons(self) -> list[LessonPage]:
        return [lesson for lesson in self.lessons if lesson.is_required]


def course_outlines(courses) -> dict[int, list[ModuleOutline]]:
    """The live modules and lessons of each course, by course id, in two queries.

    Lessons come without their bodies: outlines only show titles.
    """
    courses = list(courses)
    if not courses:
        return {}
    under_courses = Q()
    for course in courses:
        under_courses |= Q(path__startswith=course.path, depth=course.depth + 1)
    modules = ModulePage.objects.live().filter(under_courses).order_by("path")
    outlines: dict[int, list[ModuleOutline]] = {course.pk: [] for course in courses}
    by_path: dict[str, ModuleOutline] = {}
    course_by_path = {course.path: course.pk for course in courses}
    for module in modules:
        entry = ModuleOutline(module=module)
        outlines[course_by_path[module.path[: -module.steplen]]].append(entry)
        by_path[module.path] = entry
    if by_path:
        under_modules = Q()
        for path in by_path:
            under_modules |= Q(path__startswith=path)
        lessons = (
            LessonPage.objects.live()
            .filter(under_modules)
            .defer_streamfields()
            .order_by("path")
        )
        for lesson in lessons:
            by_path[lesson.path[: -lesson.steplen]].lessons.append(lesson)
    return outlines


def course_outline(*, course: Page) -> list[ModuleOutline]:
    """The modules and lessons of ``course`` in two queries, whatever its size."""
    return course_outlines([course])[course.pk]


def lesson_navigation(*, lesson: Page) -> dict:
    """Breadcrumbs, outline and previous/next lesson for ``lesson`` in two queries."""
    ancestors = list(Page.objects.ancestor_of(lesson).order_by("depth"))
    # Root, home, catalogue, course, module: the tree rules fix these depths.
    course, module = ancestors[-2], ancestors[-1]
    outline = course_outline(course=course)
    lessons = [page for entry in outline for page in entry.lessons]
    position = next(
        (index for index, page in enumerate(lessons) if page.pk == lesson.pk), None
    )
    previous_lesson = next_lesson = None
    if position is not None:
        previous_lesson = lessons[position - 1] if position > 0 else None
        next_lesson = lessons[position + 1] if position + 1 < len(lessons) else None
    return {
        "breadcrumbs": ancestors[1:],
        "course": course,
        "module": module,
        "outline": outline,
        "previous_lesson": previous_lesson,
        "next_lesson": next_lesson,
        "lesson_number": position + 1 if position is not None else None,
        "lesson_count": len(lessons),
    }
