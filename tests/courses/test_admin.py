"""Trainers write translated lessons; reviewers publish them through the workflow."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Workflow
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.blocks import FigureBlock
from courses.models import LessonPage
from tests.accounts.helpers import login_staff
from tests.factories import UserFactory, course_tree

pytestmark = pytest.mark.django_db


def member_of(group_name: str):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def module():
    return course_tree(modules=1, lessons_per_module=0).get_children().first()


def lesson_form(**extra):
    empty_stream = streamfield([])
    data = {
        "title_en": "Keeping secrets",
        "slug_en": "keeping-secrets",
        "title_fr": "Garder des secrets",
        "slug_fr": "garder-des-secrets",
        "estimated_minutes": 7,
        "body_en": streamfield([("text", rich_text("<p>Lock the recipe away.</p>"))]),
        "body_fr": streamfield(
            [("text", rich_text("<p>Mettez la recette sous clé.</p>"))]
        ),
    }
    for code in ("es", "ar", "zh_hans", "ru"):
        data[f"body_{code}"] = empty_stream
    data.update(extra)
    return nested_form_data(data)


class TestTrainerAndReviewer:
    def test_trainer_creates_a_translated_lesson_and_submits_it(self, client, module):
        trainer = member_of("Trainers")
        login_staff(client, trainer)
        url = reverse(
            "wagtailadmin_pages:add", args=("courses", "lessonpage", module.pk)
        )
        response = client.post(url, lesson_form(**{"action-submit": "submit"}))
        assert response.status_code == 302, response.content.decode()[:2000]
        lesson = LessonPage.objects.get(slug_en="keeping-secrets")
        assert not lesson.live
        assert lesson.current_workflow_state.status == "in_progress"
        draft = lesson.get_latest_revision_as_object()
        assert draft.title_fr == "Garder des secrets"

    def test_trainer_cannot_publish(self, module):
        lesson_parent_perms = module.permissions_for_user(member_of("Trainers"))
        assert lesson_parent_perms.can_add_subpage()
        assert not lesson_parent_perms.can_publish()

    def test_reviewer_approves_and_the_lesson_goes_live(self, client, module):
        trainer = member_of("Trainers")
        reviewer = member_of("Reviewers")
        login_staff(client, trainer)
        url = reverse(
            "wagtailadmin_pages:add", args=("courses", "lessonpage", module.pk)
        )
        client.post(url, lesson_form(**{"action-submit": "submit"}))
        lesson = LessonPage.objects.get(slug_en="keeping-secrets")
        task_state = lesson.current_workflow_task_state
        assert task_state.task.specific.user_can_access_editor(lesson, reviewer)

        login_staff(client, reviewer)
        approve = reverse(
            "wagtailadmin_pages:workflow_action",
            args=(lesson.pk, "approve", task_state.pk),
        )
        response = client.post(approve, {"comment": "Accurate and clear."})
        assert response.status_code in (200, 302)
        lesson.refresh_from_db()
        assert lesson.live
        assert lesson.title_fr == "Garder des secrets"

    def test_course_review_workflow_covers_the_site(self, module):
        assert module.get_workflow() == Workflow.objects.get(name="Course review")


class TestFigureBlock:
    def test_alt_text_is_required(self):
        with pytest.raises(ValidationError):
            FigureBlock().clean({"image": None, "alt_text": "", "caption": ""})

    def test_admin_refuses_a_figure_without_alt_text(self, client, module):
        from wagtail.images.models import Image
        from wagtail.images.tests.utils import get_test_image_file

        image = Image.objects.create(title="chart", file=get_test_image_file())
        trainer = member_of("Trainers")
        login_staff(client, trainer)
        url = reverse(
            "wagtailadmin_pages:add", args=("courses", "lessonpage", module.pk)
        )
        body = streamfield(
            [("figure", {"image": image.pk, "alt_text": "", "caption": "Sales"})]
        )
        # Wagtail lets a draft be saved incomplete; submitting it for review
        # (like publishing) validates every block.
        response = client.post(url, lesson_form(body_en=body, **{"action-submit": "1"}))
        assert response.status_code == 200
        assert not LessonPage.objects.filter(slug_en="keeping-secrets").exists()
        assert "This field is required" in response.content.decode()
