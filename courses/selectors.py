"""Reads the course pages share, each in a fixed number of queries."""

from dataclasses import dataclass, field

from wagtail.models import Page


@dataclass
class ModuleOutline:
    """A module of a course with its live lessons, in tree order."""

    module: Page
    lessons: list[Page] = field(default_factory=list)


def course_outline(*, course: Page) -> list[ModuleOutline]:
    """The modules and lessons of ``course`` in one query, whatever its size."""
    pages = (
        Page.objects.live()
        .descendant_of(course)
        .filter(depth__in=(course.depth + 1, course.depth + 2))
        .order_by("path")
    )
    outline: list[ModuleOutline] = []
    for page in pages:
        if page.depth == course.depth + 1:
            outline.append(ModuleOutline(module=page))
        elif outline and page.path.startswith(outline[-1].module.path):
            outline[-1].lessons.append(page)
    return outline


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
