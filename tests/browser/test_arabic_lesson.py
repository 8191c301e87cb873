import pytest
from django.utils import translation

from courses.models import LessonPage
from tests.factories import LessonPageFactory, course_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def arabic_lesson():
    course = course_tree(
        modules=1,
        lessons_per_module=1,
        title_ar="الأسرار التجارية",
        summary_ar="كيف تحمي ما تعرفه شركتك.",
    )
    module = course.get_children().first()
    lesson = LessonPageFactory(
        parent=module,
        title="Keeping secrets",
        title_ar="الحفاظ على الأسرار",
        slug_ar="al-asrar",
        body_ar=[
            {"type": "text", "value": "<p>السر التجاري معلومة لها قيمة تجارية.</p>"},
            {
                "type": "key_point",
                "value": {
                    "heading": "تذكر",
                    "text": "<p>اتفاقات عدم الإفصاح مهمة.</p>",
                },
            },
        ],
    )
    with translation.override("ar"):
        return lesson, lesson.get_url()


def test_reader_opens_an_arabic_lesson_right_to_left(
    live_server, page, arabic_lesson, screenshot_dir
):
    lesson, url = arabic_lesson
    page.goto(live_server.url + url)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("h1").inner_text() == "الحفاظ على الأسرار"
    # Logical CSS: the key point's accent border sits on the right in Arabic.
    border = page.locator(".key-point").evaluate(
        "el => getComputedStyle(el).borderRightWidth"
    )
    assert border == "4px"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    page.screenshot(path=str(screenshot_dir / "arabic-lesson.png"), full_page=True)

    # The reader switches to English and stays on the same lesson.
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/**")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert (
        page.locator("h1").inner_text() == LessonPage.objects.get(pk=lesson.pk).title_en
    )
