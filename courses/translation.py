"""Fields translated per language with wagtail-modeltranslation.

Page's own fields (title, slug, url_path, SEO fields) are registered by
wagtail-modeltranslation itself; these are the fields our models add.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    CourseIndexPage,
    CoursePage,
    GlossaryTerm,
    HomePage,
    LessonPage,
    ModulePage,
)


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("introduction",)


@register(CourseIndexPage)
class CourseIndexPageTranslation(TranslationOptions):
    fields = ("introduction",)


@register(CoursePage)
class CoursePageTranslation(TranslationOptions):
    fields = ("summary", "learning_outcomes")


@register(ModulePage)
class ModulePageTranslation(TranslationOptions):
    fields = ("summary",)


@register(LessonPage)
class LessonPageTranslation(TranslationOptions):
    fields = ("summary", "body")


@register(GlossaryTerm)
class GlossaryTermTranslation(TranslationOptions):
    fields = ("term", "definition")
