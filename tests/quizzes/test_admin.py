"""The quiz screens of the Wagtail admin: listing, a form per type, preview, export."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import GroupPagePermission

from lms.core.admin_panels import language_name
from lms.quizzes.attempts import attempt_start, attempt_submit
from lms.quizzes.formats.gift import gift_parse
from lms.quizzes.formats.moodle_xml import moodle_xml_parse
from lms.quizzes.formats.schema import ParseResult
from lms.quizzes.models import (
    Attempt,
    Question,
    QuestionBank,
    Quiz,
    QuizQuestion,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)
from lms.quizzes.services import questions_import
from tests.accounts.helpers import login_staff
from tests.factories import UserFactory, course_tree

from .test_services import every_kind

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "es", "ar", "zh_hans", "ru"]


@pytest.fixture
def trainer(client):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Trainers"))
    login_staff(client, user)
    return user


@pytest.fixture
def bank():
    questions_import(bank_name="IP basics", result=ParseResult(every_kind()))
    return QuestionBank.objects.get()


def single_choice_form(bank, choices) -> dict:
    data = {
        "bank": bank.pk,
        "name": "Term",
        "difficulty": "easy",
        "prompt_format": "plain",
        "tags": "patents, term",
        "prompt_en": "How long does a patent last?",
        "prompt_fr": "Combien de temps dure un brevet ?",
        "choices-TOTAL_FORMS": str(len(choices)),
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "1",
        "choices-MAX_NUM_FORMS": "1000",
    }
    for code in LANGUAGES:
        data.setdefault(f"prompt_{code}", "")
        data[f"general_feedback_{code}"] = ""
    for index, (text, fraction) in enumerate(choices):
        prefix = f"choices-{index}-"
        data |= {prefix + "fraction": fraction, prefix + "ORDER": str(index)}
        data |= {prefix + f"text_{code}": "" for code in LANGUAGES}
        data |= {prefix + f"feedback_{code}": "" for code in LANGUAGES}
        data[prefix + "text_en"] = text
    return data


class TestQuestionListing:
    def test_lists_every_type_with_its_translations(self, client, trainer, bank):
        response = client.get("/admin/quizzes/questions/")
        assert response.status_code == 200
        for model in Question.__subclasses__():
            assert str(model.type_label) in response.text
        first = Question.objects.first()
        assert f"/admin/quizzes/questions/{first.pk}/preview/" in response.text

    @pytest.mark.parametrize(
        ("query", "count"),
        [("type={ctype}", 1), ("missing=fr", 7), ("missing=en", 0), ("bank={bank}", 7)],
    )
    def test_filters(self, client, trainer, bank, query, count):
        ctype = ContentType.objects.get_for_model(TrueFalseQuestion).pk
        url = "/admin/quizzes/questions/?" + query.format(ctype=ctype, bank=bank.pk)
        response = client.get(url)
        assert response.status_code == 200
        assert len(response.context["object_list"]) == count

    def test_costs_the_same_queries_for_more_questions(self, client, trainer, bank):
        def listing_queries():
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/admin/quizzes/questions/").status_code == 200
            return len(queries)

        few = listing_queries()
        questions_import(bank_name="More", result=ParseResult(every_kind() * 4))
        assert listing_queries() == few

    def test_a_learner_cannot_reach_it(self, client, bank):
        client.force_login(UserFactory())
        response = client.get("/admin/quizzes/questions/")
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


class TestQuestionForms:
    def test_add_starts_by_choosing_a_type(self, client, trainer):
        response = client.get("/admin/quizzes/questions/new/")
        for model in Question.__subclasses__():
            assert f"/admin/quizzes/questions/{model.kind}/new/" in response.text

    def test_every_type_has_language_tabs(self, client, trainer, bank):
        for question in Question.objects.all():
            response = client.get(
                f"/admin/quizzes/questions/{question.kind}/edit/{question.pk}/"
            )
            assert response.status_code == 200
            for code in ("fr", "ar", "ru"):
                assert language_name(code) in response.text
            assert 'name="prompt_ar"' in response.text
            # No " [ar]" label: wagtail-modeltranslation's picker would hide it.
            assert "[ar]" not in response.text

    def test_creates_a_single_choice_question_with_translations(
        self, client, trainer, bank
    ):
        data = single_choice_form(bank, [("20 years", "1"), ("5 years", "0")])
        response = client.post("/admin/quizzes/questions/single_choice/new/", data)
        assert response.status_code == 302, response.context["form"].errors
        question = SingleChoiceQuestion.objects.get(name="Term")
        assert question.prompt_fr == "Combien de temps dure un brevet ?"
        assert [c.text_en for c in question.choices.all()] == ["20 years", "5 years"]
        assert sorted(question.tags.names()) == ["patents", "term"]

    def test_refuses_a_question_nobody_can_answer_right(self, client, trainer, bank):
        data = single_choice_form(bank, [("20 years", "0.5"), ("5 years", "0")])
        response = client.post("/admin/quizzes/questions/single_choice/new/", data)
        assert response.status_code == 200
        assert "None of the answers gives full marks." in response.text
        assert not SingleChoiceQuestion.objects.filter(name="Term").exists()

    def test_listing_edits_on_the_types_own_screen(self, client, trainer, bank):
        question = TrueFalseQuestion.objects.get()
        response = client.get(f"/admin/quizzes/questions/edit/{question.pk}/")
        assert (
            response.url == f"/admin/quizzes/questions/true_false/edit/{question.pk}/"
        )


class TestPreview:
    def test_shows_the_learners_view_right_to_left_without_the_key(
        self, client, trainer, bank
    ):
        question = SingleChoiceQuestion.objects.get()
        question.prompt_ar = "كم تدوم البراءة عادة؟"
        question.save()
        response = client.get(
            f"/admin/quizzes/questions/{question.pk}/preview/?language=ar"
        )
        assert response.status_code == 200
        assert 'dir="rtl"' in response.text
        assert "كم تدوم البراءة عادة؟" in response.text
        assert "That is a design term." not in response.text
        assert "20 years" in response.text


class TestBankExport:
    def test_bank_listing_counts_questions_and_offers_both_exports(
        self, client, trainer, bank
    ):
        response = client.get("/admin/quizzes/banks/")
        assert response.context["object_list"][0].question_count == 7
        for file_format in ("gift", "xml"):
            assert f"/admin/quizzes/banks/{bank.pk}/export/{file_format}/" in (
                response.text
            )

    def test_moodle_xml_round_trips(self, client, trainer, bank):
        response = client.get(f"/admin/quizzes/banks/{bank.pk}/export/xml/")
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        again = moodle_xml_parse(response.content)
        assert len(again.questions) == 7
        assert not again.problems

    def test_gift_says_which_questions_it_cannot_hold(self, client, trainer, bank):
        response = client.get(
            f"/admin/quizzes/banks/{bank.pk}/export/gift/", follow=True
        )
        assert "Question 7: GIFT has no ordering questions" in response.text
        Question.objects.filter(orderingquestion__isnull=False).delete()
        response = client.get(f"/admin/quizzes/banks/{bank.pk}/export/gift/")
        assert len(gift_parse(response.content.decode()).questions) == 6

    def test_needs_permission(self, client, bank):
        client.force_login(UserFactory())
        response = client.get(f"/admin/quizzes/banks/{bank.pk}/export/gift/")
        assert response.status_code in (302, 403)


class TestQuizForm:
    def test_quiz_form_has_questions_settings_and_review(self, client, trainer):
        response = client.get("/admin/quizzes/quizzes/add/")
        assert response.status_code == 200
        for field in (
            "title_ar",
            "pass_mark",
            "show_right_answers",
            "fixed-TOTAL_FORMS",
        ):
            assert f'name="{field}"' in response.text


class TestAttemptListing:
    @pytest.fixture
    def attempts(self, bank):
        course = course_tree(modules=1, lessons_per_module=1)
        quizzes = [
            Quiz.objects.create(title="In a course", course=course),
            Quiz.objects.create(title="Shared"),
        ]
        learner = UserFactory(username="amina")
        for quiz in quizzes:
            QuizQuestion.objects.create(quiz=quiz, question=Question.objects.first())
            attempt_submit(attempt=attempt_start(quiz=quiz, user=learner))
        return course

    def test_course_staff_list_attempts_and_open_their_review(
        self, client, trainer, attempts
    ):
        response = client.get("/admin/quizzes/attempts/")
        assert response.status_code == 200
        assert len(response.context["object_list"]) == 2
        review = reverse("quizzes:review", args=[Attempt.objects.first().pk])
        assert review in response.text
        assert client.get(review).status_code == 200

    def test_staff_of_one_course_see_only_its_attempts(self, client, attempts):
        other = course_tree(modules=1, lessons_per_module=1)
        staff = UserFactory()
        staff.user_permissions.add(
            Permission.objects.get(codename="access_admin"),
            Permission.objects.get(codename="view_attempt"),
        )
        GroupPagePermission.objects.create(
            group=Group.objects.create(name="Other course"),
            page=other,
            permission=Permission.objects.get(codename="change_page"),
        )
        staff.groups.add(Group.objects.get(name="Other course"))
        login_staff(client, staff)
        response = client.get("/admin/quizzes/attempts/")
        assert response.status_code == 200
        assert len(response.context["object_list"]) == 0
        GroupPagePermission.objects.create(
            group=Group.objects.get(name="Other course"),
            page=attempts,
            permission=Permission.objects.get(codename="change_page"),
        )
        response = client.get("/admin/quizzes/attempts/")
        assert [a.quiz.title for a in response.context["object_list"]] == [
            "In a course"
        ]

    def test_attempts_cannot_be_edited_or_deleted(self, client, attempts):
        login_staff(client, UserFactory(is_superuser=True))
        attempt = Attempt.objects.first()
        for action in ("edit", "delete"):
            url = f"/admin/quizzes/attempts/{action}/{attempt.pk}/"
            assert client.get(url, follow=True).status_code == 404
