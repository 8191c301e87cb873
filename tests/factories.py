"""Factories for the page tree and accounts; tests build exactly what they need."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from courses.models import (
    CourseIndexPage,
    CoursePage,
    GlossaryTerm,
    LessonPage,
    ModulePage,
)
from courses.services import site_root_ensure


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct-horse-battery")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    key = factory.Sequence(lambda n: f"term-{n}")
    term_en = factory.Sequence(lambda n: f"Term {n}")
    definition_en = "A plain-language explanation."

    class Meta:
        model = GlossaryTerm


class CoursePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "What this course is about."
    topic = "patents"
    level = "beginner"
    estimated_hours = 2
    learning_outcomes = "Explain what a patent is\nDecide when to file"

    class Meta:
        model = CoursePage


class ModulePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")

    class Meta:
        model = ModulePage


class LessonPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    body = factory.LazyFunction(
        lambda: [{"type": "text", "value": "<p>A patent protects an invention.</p>"}]
    )

    class Meta:
        model = LessonPage


def catalogue() -> CourseIndexPage:
    """The site's catalogue page, creating the site root if needed."""
    home = site_root_ensure()
    return CourseIndexPage.objects.child_of(home).get()


def course_tree(*, modules: int = 2, lessons_per_module: int = 2, **course_fields):
    """A published course with ``modules`` modules of ``lessons_per_module`` lessons."""
    course = CoursePageFactory(parent=catalogue(), **course_fields)
    for _m in range(modules):
        module = ModulePageFactory(parent=course)
        for _l in range(lessons_per_module):
            LessonPageFactory(parent=module)
    return course
