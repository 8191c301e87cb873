"""Question texts in HTML or Markdown: shown formatted, never unsafe, kept on export."""

import pytest
from django.urls import reverse

from lms.quizzes.formats.gift import gift_export, gift_parse
from lms.quizzes.formats.moodle_xml import moodle_xml_export, moodle_xml_parse
from lms.quizzes.models import Attempt, Question, QuestionBank, Quiz, QuizQuestion
from lms.quizzes.rich_text import plain, render
from lms.quizzes.services import bank_export, questions_import
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p>Which <b>right</b> lasts <a href="javascript:alert(1)" onclick="x()">'
    "longest</a>?</p><script>alert(1)</script><img src=x onerror=alert(1)>"
    "<style>body{display:none}</style>"
)
GIFT = """
::html::[html]<p>Is a <b>trade secret</b> registered?</p><script>alert(1)</script>{F}

::markdown::[markdown]Which right needs **no registration**?{
  =[markdown]A *trade secret*
  ~A patent
}

::plain::Is <b>this</b> shown as typed?{T}
"""


class TestRender:
    def test_html_keeps_formatting_and_drops_everything_unsafe(self):
        html = render(HOSTILE, "html")
        assert "<b>right</b>" in html
        for unsafe in (
            "<script",
            "onclick",
            "javascript:",
            "<img",
            "onerror",
            "<style",
        ):
            assert unsafe not in html

    def test_markdown_becomes_clean_html(self):
        html = render("Needs **no registration**\n\n<script>x()</script>", "markdown")
        assert "<strong>no registration</strong>" in html
        assert "<script" not in html

    def test_plain_text_is_escaped_with_its_line_breaks(self):
        html = render("Is <b>this</b>\nbold?", "plain")
        assert html == "Is &lt;b&gt;this&lt;/b&gt;<br>bold?"

    def test_plain_strips_markup_for_text_only_places(self):
        assert plain(HOSTILE, "html") == "Which right lasts longest?"
        assert plain("A *trade secret*", "markdown") == "A trade secret"
        assert plain("<b>as typed</b>", "plain") == "<b>as typed</b>"


class TestImportAndExport:
    def test_formats_are_kept_through_gift_and_moodle_xml(self):
        questions_import(bank_name="Formats", result=gift_parse(GIFT))
        formats = dict(Question.objects.values_list("name", "prompt_format"))
        assert formats == {"html": "html", "markdown": "markdown", "plain": "plain"}
        exported = bank_export(bank=QuestionBank.objects.get())
        for again in (
            gift_parse(gift_export(exported)),
            moodle_xml_parse(moodle_xml_export(exported)),
        ):
            assert [q.prompt_format for q in again.questions] == [
                "html",
                "markdown",
                "plain",
            ]


class TestLearnerPages:
    def test_attempt_and_review_show_formatting_and_nothing_unsafe(self, client):
        questions_import(bank_name="Formats", result=gift_parse(GIFT))
        quiz = Quiz.objects.create(title="Formats")
        for order, question in enumerate(Question.objects.order_by("pk")):
            QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=order)
        client.force_login(UserFactory())
        client.post(reverse("quizzes:start", args=[quiz.pk]))
        attempt = Attempt.objects.get()
        page = client.get(reverse("quizzes:attempt", args=[attempt.pk])).text
        assert "<b>trade secret</b>" in page
        assert "<strong>no registration</strong>" in page
        assert "<em>trade secret</em>" in page
        assert "Is &lt;b&gt;this&lt;/b&gt; shown as typed?" in page
        assert "alert(1)" not in page
        client.post(reverse("quizzes:attempt", args=[attempt.pk]), {"submit": "1"})
        review = client.get(reverse("quizzes:review", args=[attempt.pk])).text
        assert "<b>trade secret</b>" in review
        assert "alert(1)" not in review
