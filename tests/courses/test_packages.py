"""Course packages load idempotently and all-or-nothing."""

from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from courses.models import CoursePage, GlossaryTerm, LessonPage
from courses.packages import CoursePackageError, glossary_load

from .package_files import load, write

pytestmark = pytest.mark.django_db
CONTENT_DIR = Path(__file__).resolve().parents[2] / "courses" / "content"


class TestCoursePackageLoad:
    def test_creates_the_course_tree_in_both_languages(self, package):
        report = load(package)
        assert len(report.created) == 4
        course = CoursePage.objects.get(slug_en="mini")
        assert course.title_ar == "دورة قصيرة"
        lessons = LessonPage.objects.descendant_of(course).order_by("path")
        assert [lesson.slug_en for lesson in lessons] == ["first", "second"]
        first = lessons[0]
        assert first.live
        assert [block.block_type for block in first.body_ar] == [
            "text",
            "glossary_term",
        ]
        assert first.body_en[1].value == GlossaryTerm.objects.get(key="patent")

    def test_second_load_changes_nothing(self, package):
        load(package)
        revisions = Revision.objects.count()
        report = load(package)
        assert report.created == [] and report.updated == []
        assert len(report.unchanged) == 4
        assert Revision.objects.count() == revisions

    def test_edited_lesson_is_updated_with_a_new_revision(self, package):
        load(package)
        lesson_file = package / "01-basics" / "02-second.yaml"
        data = yaml.safe_load(lesson_file.read_text(encoding="utf-8"))
        data["title"]["en"] = "Lesson two, revised"
        write(lesson_file, data)
        report = load(package)
        assert report.updated == ["Lesson two, revised"]
        assert (
            LessonPage.objects.get(slug_en="second").title_en == "Lesson two, revised"
        )

    def test_malformed_package_loads_nothing_and_lists_every_problem(self, package):
        write(
            package / "01-basics" / "03-broken.yaml",
            {
                "slug": {"en": "Not A Slug!"},
                "title": {"fr": "Pas d'anglais"},
                "body": {"en": [{"unknown_block": "x"}, {"glossary_term": "missing"}]},
            },
        )
        with pytest.raises(CoursePackageError) as error:
            load(package)
        problems = "\n".join(error.value.problems)
        assert "03-broken.yaml" in problems
        assert "Not A Slug!" in problems
        assert "'title' needs English text" in problems
        assert "unknown type 'unknown_block'" in problems
        assert "glossary term 'missing'" in problems
        assert not CoursePage.objects.filter(slug_en="mini").exists()

    def test_invalid_yaml_reports_the_line(self, package):
        (package / "course.yaml").write_text(
            "title: {en: [unclosed\n", encoding="utf-8"
        )
        with pytest.raises(CoursePackageError, match="line"):
            load(package)

    def test_command_reports_problems_and_fails(self, package):
        (package / "course.yaml").write_text("- not a mapping\n", encoding="utf-8")
        with pytest.raises(CommandError, match="Nothing was loaded"):
            call_command("load_course_package", str(package))


class TestCompleteLanguages:
    def _claim(self, package, languages):
        data = yaml.safe_load((package / "course.yaml").read_text(encoding="utf-8"))
        write(package / "course.yaml", {**data, "languages": languages})

    def test_a_course_complete_in_its_languages_loads(self, package):
        self._claim(package, ["en", "ar"])
        write(
            package / "01-basics" / "module.yaml",
            {
                "slug": {"en": "basics", "ar": "asasiyat"},
                "title": {"en": "Basics", "ar": "الأساسيات"},
            },
        )
        load(package)
        assert CoursePage.objects.get().is_translated_into("ar")

    def test_every_text_missing_in_a_claimed_language_is_reported(self, package):
        self._claim(package, ["en", "ar", "fr"])
        with pytest.raises(CoursePackageError) as error:
            load(package)
        problems = "\n".join(error.value.problems)
        assert "mini/course.yaml: 'title' has no text in fr" in problems
        assert "01-basics/module.yaml: 'slug' has no text in fr, ar" in problems
        assert not CoursePage.objects.exists()

    def test_unknown_language_is_refused(self, package):
        self._claim(package, ["en", "klingon"])
        with pytest.raises(CoursePackageError, match="unknown languages: klingon"):
            load(package)


class TestGlossaryDirectory:
    def _term(self, key):
        return {
            "key": key,
            "term": {"en": key.title()},
            "definition": {"en": f"About {key}."},
        }

    def test_loads_every_file_of_the_directory(self, tmp_path):
        write(tmp_path / "glossary" / "a.yaml", [self._term("novelty")])
        write(tmp_path / "glossary" / "b.yaml", [self._term("utility-model")])
        terms = glossary_load(tmp_path / "glossary")
        assert set(terms) == {"novelty", "utility-model"}
        assert GlossaryTerm.objects.count() == 2

    def test_loading_again_writes_nothing_and_an_edit_is_saved(
        self, tmp_path, django_assert_num_queries
    ):
        write(tmp_path / "glossary" / "a.yaml", [self._term("novelty")])
        glossary_load(tmp_path / "glossary")
        with django_assert_num_queries(1):  # the one lookup, no UPDATE
            glossary_load(tmp_path / "glossary")
        edited = {**self._term("novelty"), "definition": {"en": "Being new."}}
        write(tmp_path / "glossary" / "a.yaml", [edited])
        glossary_load(tmp_path / "glossary")
        assert GlossaryTerm.objects.get(key="novelty").definition_en == "Being new."

    def test_a_key_defined_in_two_files_is_refused(self, tmp_path):
        write(tmp_path / "glossary" / "a.yaml", [self._term("novelty")])
        write(tmp_path / "glossary" / "b.yaml", [self._term("novelty")])
        with pytest.raises(CoursePackageError, match="b.yaml: .*defined twice"):
            glossary_load(tmp_path / "glossary")
        assert not GlossaryTerm.objects.exists()


class TestSetupSite:
    def test_creates_home_and_catalogue_once(self):
        from courses.models import CourseIndexPage, HomePage

        call_command("setup_site")
        call_command("setup_site")
        assert HomePage.objects.count() == 1
        assert CourseIndexPage.objects.count() == 1
        catalogue_page = CourseIndexPage.objects.get()
        assert catalogue_page.slug_fr == "cours"
        assert catalogue_page.live
