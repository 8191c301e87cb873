"""What trainers set for completion: required items and prerequisites."""

import pytest
from django.core.exceptions import ValidationError

from courses.models import LessonPage, ModulePage
from courses.packages import CoursePackageError
from tests.factories import ModulePageFactory, course_tree

from .package_files import load, write

pytestmark = pytest.mark.django_db


def modules(course):
    return list(ModulePage.objects.child_of(course).order_by("path"))


class TestModulePrerequisites:
    def test_a_module_cannot_require_itself_even_indirectly(self):
        course = course_tree(modules=2, lessons_per_module=1)
        first, second = modules(course)
        second.prerequisites.set([first])
        second.save_revision().publish()
        first.prerequisites.set([second])
        with pytest.raises(ValidationError, match="even indirectly"):
            first.full_clean()

    def test_a_module_can_only_require_modules_of_its_course(self):
        course, other = course_tree(modules=1), course_tree(modules=1)
        module = modules(course)[0]
        module.prerequisites.set([modules(other)[0]])
        with pytest.raises(ValidationError, match="its own course"):
            module.full_clean()

    def test_admin_form_offers_only_the_other_modules_of_the_course(self, admin_user):
        from wagtail.admin.panels import get_edit_handler

        course = course_tree(modules=3, lessons_per_module=1)
        course_tree(modules=2)
        first = modules(course)[0]
        form_class = get_edit_handler(ModulePage).get_form_class()
        form = form_class(instance=first, parent_page=course, for_user=admin_user)
        offered = set(form.fields["prerequisites"].queryset)
        assert offered == set(modules(course)[1:])

    def test_admin_form_refuses_a_cycle_with_a_message(self, admin_user):
        from wagtail.admin.panels import get_edit_handler

        course = course_tree(modules=2, lessons_per_module=1)
        first, second = modules(course)
        second.prerequisites.set([first])
        second.save_revision().publish()
        form_class = get_edit_handler(ModulePage).get_form_class()
        data = {"title": first.title, "slug": first.slug, "prerequisites": [second.pk]}
        form = form_class(data, instance=first, parent_page=course, for_user=admin_user)
        form.is_valid()
        assert "even indirectly" in str(form.errors.get("prerequisites"))

    def test_a_new_module_is_offered_its_future_siblings(self, admin_user):
        from wagtail.admin.panels import get_edit_handler

        course = course_tree(modules=2, lessons_per_module=1)
        form_class = get_edit_handler(ModulePage).get_form_class()
        form = form_class(
            instance=ModulePageFactory.build(), parent_page=course, for_user=admin_user
        )
        assert set(form.fields["prerequisites"].queryset) == set(modules(course))


class TestCoursePrerequisites:
    def test_a_course_cannot_require_itself_even_indirectly(self):
        basics, advanced = course_tree(modules=1), course_tree(modules=1)
        advanced.prerequisites.set([basics])
        advanced.save_revision().publish()
        basics.prerequisites.set([advanced])
        with pytest.raises(ValidationError, match="even indirectly"):
            basics.full_clean()


class TestPackageCompletionKeys:
    def add_module(self, root, **extra):
        write(
            root / "02-more" / "module.yaml",
            {"slug": {"en": "more"}, "title": {"en": "More"}, **extra},
        )
        write(
            root / "02-more" / "01-extra.yaml",
            {
                "slug": {"en": "extra"},
                "title": {"en": "Extra"},
                "required": False,
                "body": {"en": [{"text": "<p>More.</p>"}]},
            },
        )

    def test_required_and_prerequisites_are_loaded_once(self, package):
        self.add_module(package, prerequisites=["basics"], required=False)
        load(package)
        basics, more = ModulePage.objects.order_by("path")
        assert not more.is_required
        assert list(more.prerequisites.all()) == [basics]
        assert not LessonPage.objects.get(slug_en="extra").is_required
        assert load(package).updated == []

    def test_unknown_prerequisite_and_bad_required_load_nothing(self, package):
        self.add_module(package, prerequisites=["nowhere"], required="sometimes")
        with pytest.raises(CoursePackageError) as error:
            load(package)
        problems = "\n".join(error.value.problems)
        assert "required must be true or false" in problems
        assert "prerequisite 'nowhere'" in problems
        assert not ModulePage.objects.exists()
