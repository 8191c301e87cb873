"""The attendance screens: upload, map, preview (writes nothing), confirm, and
marking by hand; bureau staff only, and for their own bureau's webinars."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.webinars.admin import forms as attendance_forms
from lms.webinars.admin import views as attendance_views
from lms.webinars.models import Attendance, AttendanceSource
from tests.accounts.helpers import login_staff

from .factories import webinar
from .test_attendance import WHEN, register
from .test_permissions import staff_of

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"
HIDDEN = re.compile(r'name="(payload|fingerprint)" value="([^"]+)"')


@pytest.fixture
def event():
    return webinar(bureau="africa", **WHEN)


@pytest.fixture
def learners(event):
    return {
        "amina": register(event, "amina@example.org", first_name="Amina"),
        "kofi": register(event, "kofi@example.org"),
        "lina": register(event, "lina@example.org"),
    }


@pytest.fixture
def staff(client):
    user = staff_of("africa")
    login_staff(client, user)
    return user


def url(name: str, event) -> str:
    return reverse(name, args=[event.pk])


def sample(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (SAMPLES / name).read_bytes())


def upload(client, event, file, preset=""):
    return client.post(
        url("webinars_attendance_import", event), {"file": file, "preset": preset}
    )


def hidden(response) -> dict[str, str]:
    return dict(HIDDEN.findall(response.content.decode()))


def confirm(client, event, preview, **extra):
    return client.post(
        url("webinars_attendance_confirm", event),
        {**hidden(preview), **extra},
        follow=True,
    )


def messages_of(response) -> list[str]:
    return [str(message).strip() for message in response.context["messages"]]


class TestAccess:
    def test_urls(self, event):
        base = f"/admin/webinars/{event.pk}/attendance/"
        assert url("webinars_attendance", event) == base
        assert url("webinars_attendance_import", event) == base + "import/"
        assert url("webinars_attendance_confirm", event) == base + "import/confirm/"

    def test_the_webinar_page_has_an_attendance_button(self, client, event, staff):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
        assert url("webinars_attendance", event) in response.text
        listing = client.get(
            reverse("wagtailadmin_explore", args=[event.get_parent().pk])
        )
        assert url("webinars_attendance", event) in listing.text

    def test_another_bureaus_webinar_is_refused_with_a_clear_message(
        self, client, learners
    ):
        other_event = webinar(bureau="arab-region", **WHEN)
        register(other_event, "zed@example.org")
        login_staff(client, staff_of("africa"))
        for name in ("webinars_attendance", "webinars_attendance_import"):
            response = client.get(url(name, other_event), follow=True)
            assert response.redirect_chain == [("/admin/", 302)]
            assert "only the staff of its bureau may" in messages_of(response)[0]
        response = upload(client, other_event, sample("zoom.csv"))
        assert response.status_code == 302
        assert not Attendance.objects.exists()

    def test_a_preview_for_one_webinar_is_not_confirmed_for_another(
        self, client, event, learners, staff
    ):
        second = webinar(bureau="africa", **WHEN)
        preview = upload(client, event, sample("teams.csv"))
        response = confirm(client, second, preview)
        assert "uploaded for another webinar" in messages_of(response)[0]
        assert not Attendance.objects.exists()

    def test_anonymous_users_are_sent_to_log_in(self, client, event):
        response = client.get(url("webinars_attendance_import", event))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


class TestImport:
    def test_a_recognised_file_goes_straight_to_the_preview(
        self, client, event, learners, staff
    ):
        response = upload(client, event, sample("zoom.csv"))
        html = response.content.decode()
        assert "Zoom participants report" in html
        # Times as read, in the webinar's zone, to check the file was read right.
        assert "Online (Africa/Nairobi time)" in html
        assert "09:58–11:30" in html
        plan = response.context["plan"]
        assert [(e.person.email, e.person.minutes) for e in plan.entries] == [
            ("amina@example.org", 92),
            ("kofi@example.org", 20),
        ]
        assert "<td>8</td>" in html and "No email address" in html
        assert "<td>9</td>" in html and "not registered for this webinar" in html
        assert "Import the valid rows and skip the rows with problems" in html
        assert not Attendance.objects.exists()

    def test_problems_refuse_the_import_unless_the_box_is_ticked(
        self, client, event, learners, staff
    ):
        preview = upload(client, event, sample("zoom.csv"))
        refused = confirm(client, event, preview)
        assert "The file has problems: nothing was imported." in refused.text
        assert not Attendance.objects.exists()
        response = confirm(client, event, preview, skip_problems="on")
        assert response.redirect_chain[-1][0] == url("webinars_attendance", event)
        assert messages_of(response) == [
            "Attendance imported: 2 learners added, 0 changed, 0 already up to "
            "date, 2 rows with problems skipped."
        ]
        assert Attendance.objects.count() == 2
        assert Attendance.objects.get(user=learners["amina"]).minutes == 92

    def test_a_clean_file_imports_and_the_same_file_again_changes_nothing(
        self, client, event, learners, staff
    ):
        preview = upload(client, event, sample("teams.csv"))
        assert "Record the attendance of 3 learners" in preview.text
        confirm(client, event, preview)
        recorded = list(Attendance.objects.values().order_by("pk"))
        again = upload(client, event, sample("teams.csv"))
        assert "Nothing to change" in again.text
        assert "webinars_attendance_confirm" not in again.text
        assert url("webinars_attendance_confirm", event) not in again.text
        # Replaying the first confirmation: the plan changed, nothing written.
        replay = confirm(client, event, preview)
        assert "changed since the preview" in replay.text
        assert list(Attendance.objects.values().order_by("pk")) == recorded

    def test_unknown_columns_are_chosen_by_hand(self, client, event, learners, staff):
        response = upload(client, event, sample("semicolon_bom.csv"))
        html = response.content.decode()
        assert "Columns of semicolon_bom.csv" in html
        assert '<option value="Adresse e-mail">Adresse e-mail</option>' in html
        preview = client.post(
            url("webinars_attendance_preview", event),
            {
                "payload": hidden(response)["payload"],
                "email": "Adresse e-mail",
                "name": "Nom",
                "joined": "Arrivée",
                "left": "Départ",
                "duration": "Durée",
                "date_order": "auto",
            },
        )
        plan = preview.context["plan"]
        assert [p.row for p in plan.problems] == [3, 4]
        assert "Columns chosen by hand" in preview.text
        response = confirm(client, event, preview, skip_problems="on")
        assert dict(Attendance.objects.values_list("user__email", "minutes")) == {
            "amina@example.org": 92
        }
        assert "1 learner added" in messages_of(response)[0]

    def test_cell_values_are_escaped(self, client, event, learners, staff):
        response = upload(client, event, sample("semicolon_bom.csv"))
        preview = client.post(
            url("webinars_attendance_preview", event),
            {
                "payload": hidden(response)["payload"],
                "email": "Adresse e-mail",
                "name": "Nom",
                "joined": "Nom",
                "left": "Départ",
                "date_order": "auto",
            },
        )
        html = preview.content.decode()
        assert "=HYPERLINK(&quot;http://evil.example&quot;;&quot;x&quot;)" in html
        trap = b"Email,Minutes\n<script>alert(1)</script>@x.org,20\n"
        preview = upload(client, event, SimpleUploadedFile("t.csv", trap), "custom")
        payload = hidden(preview)["payload"]
        preview = client.post(
            url("webinars_attendance_preview", event),
            {"payload": payload, "email": "Email", "duration": "Minutes"},
        )
        assert "&lt;script&gt;" in preview.text
        assert "<script>alert(1)" not in preview.text

    def test_a_mapping_needs_a_duration_or_both_times(
        self, client, event, learners, staff
    ):
        response = upload(client, event, sample("semicolon_bom.csv"))
        preview = client.post(
            url("webinars_attendance_preview", event),
            {"payload": hidden(response)["payload"], "email": "Adresse e-mail"},
        )
        assert "Choose the duration column" in preview.text

    def test_a_preset_that_does_not_fit_asks_for_the_columns(
        self, client, event, learners, staff
    ):
        response = upload(client, event, sample("meet.csv"), preset="zoom")
        assert "does not have the columns of a Zoom participants report" in (
            response.text
        )

    def test_a_tampered_payload_is_refused(self, client, event, learners, staff):
        preview = upload(client, event, sample("teams.csv"))
        fields = hidden(preview)
        fields["payload"] = fields["payload"][:-2] + "xx"
        response = client.post(
            url("webinars_attendance_confirm", event), fields, follow=True
        )
        assert "is not the uploaded file" in messages_of(response)[0]
        assert not Attendance.objects.exists()

    def test_too_big_a_file_is_refused(self, client, event, staff):
        big = SimpleUploadedFile("big.csv", b"x" * (attendance_forms.MAX_FILE_SIZE + 1))
        response = upload(client, event, big)
        assert "files of at most 2.0" in response.text
        assert "plan" not in response.context

    def test_uploads_are_rate_limited(self, client, event, staff, monkeypatch):
        monkeypatch.setattr(attendance_views, "UPLOAD_LIMIT", 1)
        assert "plan" in upload(client, event, sample("teams.csv")).context
        response = upload(client, event, sample("teams.csv"))
        assert "Too many uploads in a short time" in response.text
        assert "plan" not in response.context

    def test_a_file_that_is_not_text_is_refused(self, client, event, staff):
        response = upload(client, event, SimpleUploadedFile("x.csv", b"Email\n\xc3("))
        assert response.context["form"].errors["file"]


class TestMarkByHand:
    def test_confirmed_registrants_are_listed_with_their_minutes(
        self, client, event, learners, staff
    ):
        Attendance.objects.create(webinar=event, user=learners["kofi"], minutes=40)
        response = client.get(url("webinars_attendance", event))
        html = response.content.decode()
        assert "amina@example.org" in html
        assert f'name="minutes_{learners["kofi"].pk}"' in html
        assert 'value="40"' in html
        assert "1 of them attended long enough to count." in html

    def test_marks_are_saved(self, client, event, learners, staff):
        amina, kofi, lina = learners.values()
        response = client.post(
            url("webinars_attendance", event),
            {
                f"attended_{amina.pk}": "on",
                f"minutes_{kofi.pk}": "12",
                f"minutes_{lina.pk}": "",
            },
            follow=True,
        )
        assert "Attendance saved: 2 added" in messages_of(response)[0]
        minutes = dict(Attendance.objects.values_list("user__email", "minutes"))
        # A ticked box without minutes: the whole webinar.
        assert minutes == {"amina@example.org": 90, "kofi@example.org": 12}
        assert {a.source for a in Attendance.objects.all()} == {AttendanceSource.MANUAL}

    def test_a_box_that_contradicts_the_minutes_is_an_error(
        self, client, event, learners, staff
    ):
        amina = learners["amina"]
        response = client.post(
            url("webinars_attendance", event),
            {f"attended_{amina.pk}": "on", f"minutes_{amina.pk}": "10"},
        )
        assert "do not count as attended" in response.text
        assert not Attendance.objects.exists()
