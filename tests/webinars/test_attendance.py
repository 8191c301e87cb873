"""Recording attendance: the import plan, its all-or-nothing commit, marking
by hand, and the bureau's right to do either."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.webinars.attendance import (
    Action,
    AttendanceImportError,
    attendance_import_commit,
    attendance_import_plan,
    attendance_mark,
    webinar_times,
)
from lms.webinars.attendance_import import (
    ColumnMapping,
    attendance_parse,
    csv_records,
    preset_detect,
)
from lms.webinars.models import (
    Attendance,
    AttendanceSource,
    Registration,
    RegistrationStatus,
)
from tests.factories import UserFactory

from .factories import webinar
from .test_permissions import staff_of

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"
#: 10:00 to 11:30 in Nairobi, when the sample reports were made.
WHEN = {
    "starts_at": datetime(2026, 3, 15, 7, 0, tzinfo=UTC),
    "time_zone": "Africa/Nairobi",
    "duration_minutes": 90,
    "min_attended_minutes": 30,
}


def register(event, email, status=RegistrationStatus.CONFIRMED, **user_fields):
    user = UserFactory(email=email, **user_fields)
    Registration.objects.create(user=user, webinar=event, status=status)
    return user


@pytest.fixture
def event():
    return webinar(bureau="africa", **WHEN)


@pytest.fixture
def staff():
    return staff_of("africa")


@pytest.fixture
def learners(event):
    return {
        "amina": register(event, "amina@example.org", first_name="Amina"),
        "kofi": register(event, "kofi@example.org"),
        "lina": register(event, "lina@example.org"),
    }


def parsed(event, name: str, mapping: ColumnMapping | None = None):
    data = (SAMPLES / name).read_bytes()
    mapping = mapping or preset_detect(csv_records(data)[0])
    return attendance_parse(data, mapping, times=webinar_times(event))


def csv_file(event, text: str):
    mapping = ColumnMapping(email="Email", duration="Minutes")
    return attendance_parse(text.encode(), mapping, times=webinar_times(event))


class TestPlan:
    def test_people_are_matched_to_registrants_and_compared(self, event, learners):
        plan = attendance_import_plan(webinar=event, parsed=parsed(event, "zoom.csv"))
        by_email = {entry.person.email: entry for entry in plan.entries}
        assert by_email["amina@example.org"].registration.user == learners["amina"]
        assert by_email["amina@example.org"].attended
        assert not by_email["kofi@example.org"].attended
        assert {entry.action for entry in plan.entries} == {Action.NEW}
        # The phone guest without an address and the stranger are problems.
        assert [(p.row, p.message) for p in plan.problems] == [
            (8, "No email address: the row cannot be matched to a learner."),
            (9, "This address is not registered for this webinar."),
        ]
        assert not Attendance.objects.exists()

    def test_a_verified_secondary_address_matches_its_learner(self, event):
        user = register(event, "amina.diallo@work.example.org")
        EmailAddress.objects.create(user=user, email="Amina@Example.org", verified=True)
        plan = attendance_import_plan(webinar=event, parsed=parsed(event, "zoom.csv"))
        assert plan.entries[0].registration.user == user

    def test_a_person_with_a_problem_row_is_held_back_whole(self, event, learners):
        plan = attendance_import_plan(
            webinar=event,
            parsed=csv_file(
                event, "Email,Minutes\nkofi@example.org,20\nkofi@example.org,x\n"
            ),
        )
        (entry,) = plan.entries
        assert entry.action == Action.HELD_BACK
        assert entry.problem_rows == (3,)
        assert not plan.to_write

    def test_waitlisted_registrants_are_matched_too(self, event):
        register(event, "amina@example.org", status=RegistrationStatus.WAITLISTED)
        plan = attendance_import_plan(webinar=event, parsed=parsed(event, "meet.csv"))
        assert plan.entries[0].registration.status == RegistrationStatus.WAITLISTED


class TestCommit:
    def test_a_clean_file_is_imported(self, event, learners, staff):
        outcome = attendance_import_commit(
            webinar=event, parsed=parsed(event, "teams.csv"), by=staff
        )
        assert (outcome.created, outcome.updated, outcome.unchanged) == (3, 0, 0)
        amina = Attendance.objects.get(user=learners["amina"])
        assert amina.minutes == 87
        assert amina.source == AttendanceSource.IMPORT
        assert amina.joined_at == datetime(2026, 3, 15, 6, 58, 12, tzinfo=UTC)
        assert amina.left_at == datetime(2026, 3, 15, 8, 30, tzinfo=UTC)

    def test_problems_refuse_everything_unless_staff_skip_those_rows(
        self, event, learners, staff
    ):
        with pytest.raises(AttendanceImportError) as refused:
            attendance_import_commit(
                webinar=event, parsed=parsed(event, "zoom.csv"), by=staff
            )
        assert len(refused.value.plan.problems) == 2
        assert not Attendance.objects.exists()
        outcome = attendance_import_commit(
            webinar=event,
            parsed=parsed(event, "zoom.csv"),
            by=staff,
            skip_problems=True,
        )
        assert (outcome.created, outcome.skipped_rows) == (2, 2)
        minutes = dict(Attendance.objects.values_list("user__email", "minutes"))
        assert minutes == {"amina@example.org": 92, "kofi@example.org": 20}

    def test_importing_the_same_file_again_changes_nothing(
        self, event, learners, staff
    ):
        attendance_import_commit(
            webinar=event, parsed=parsed(event, "teams.csv"), by=staff
        )
        before = list(Attendance.objects.values().order_by("pk"))
        with CaptureQueriesContext(connection) as queries:
            outcome = attendance_import_commit(
                webinar=event, parsed=parsed(event, "teams.csv"), by=staff
            )
        assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 3)
        assert list(Attendance.objects.values().order_by("pk")) == before
        assert not [q for q in queries if q["sql"].startswith(("INSERT", "UPDATE"))]

    def test_a_new_file_updates_what_changed(self, event, learners, staff):
        attendance_import_commit(
            webinar=event, parsed=parsed(event, "teams.csv"), by=staff
        )
        outcome = attendance_import_commit(
            webinar=event,
            parsed=parsed(event, "meet.csv"),
            by=staff,
            skip_problems=True,
        )
        assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 1, 1)
        assert Attendance.objects.get(user=learners["amina"]).minutes == 91
        # Lina's row has a problem: her attendance stays as it was.
        assert Attendance.objects.get(user=learners["lina"]).minutes == 90

    def test_a_changed_plan_is_not_committed(self, event, learners, staff):
        file = parsed(event, "teams.csv")
        previewed = attendance_import_plan(webinar=event, parsed=file).fingerprint
        Attendance.objects.create(webinar=event, user=learners["kofi"], minutes=5)
        with pytest.raises(AttendanceImportError, match="changed since the preview"):
            attendance_import_commit(
                webinar=event, parsed=file, by=staff, expected_fingerprint=previewed
            )
        assert Attendance.objects.get().minutes == 5

    def test_another_bureaus_staff_are_refused(self, event, learners):
        other = staff_of("arab-region")
        with pytest.raises(PermissionDenied, match="only the staff of its bureau"):
            attendance_import_commit(
                webinar=event, parsed=parsed(event, "teams.csv"), by=other
            )
        assert not Attendance.objects.exists()

    def test_queries_do_not_grow_with_the_file(self, event, staff):
        def queries_for(count):
            lines = ["Email,Minutes"]
            for n in range(count):
                register(event, f"p{count}-{n}@example.org")
                lines.append(f"p{count}-{n}@example.org,45")
            file = csv_file(event, "\n".join(lines) + "\n")
            with CaptureQueriesContext(connection) as queries:
                attendance_import_commit(webinar=event, parsed=file, by=staff)
            return len(queries)

        queries_for(1)  # the user's permissions, cached after the first call
        assert queries_for(2) == queries_for(20)


class TestMarkByHand:
    def test_marks_are_added_changed_and_removed(self, event, learners, staff):
        amina, kofi, lina = learners.values()
        Attendance.objects.create(
            webinar=event, user=lina, minutes=40, source=AttendanceSource.IMPORT
        )
        Attendance.objects.create(webinar=event, user=kofi, minutes=10)
        outcome = attendance_mark(
            webinar=event, minutes={amina.pk: 90, kofi.pk: None, lina.pk: 40}, by=staff
        )
        assert (outcome.created, outcome.updated, outcome.removed) == (1, 0, 1)
        assert Attendance.objects.get(user=amina).source == AttendanceSource.MANUAL
        # Unchanged: the imported record keeps its source.
        assert Attendance.objects.get(user=lina).source == AttendanceSource.IMPORT
        assert not Attendance.objects.filter(user=kofi).exists()

    def test_only_registrants_can_be_marked(self, event, staff):
        stranger = UserFactory()
        with pytest.raises(ValidationError):
            attendance_mark(webinar=event, minutes={stranger.pk: 60}, by=staff)
        assert not Attendance.objects.exists()

    def test_another_bureaus_staff_are_refused(self, event, learners):
        with pytest.raises(PermissionDenied):
            attendance_mark(
                webinar=event,
                minutes={learners["amina"].pk: 60},
                by=staff_of("arab-region"),
            )
        assert not Attendance.objects.exists()

    def test_queries_do_not_grow_with_the_list(self, event, staff):
        def queries_for(count):
            users = [register(event, f"m{count}-{n}@example.org") for n in range(count)]
            with CaptureQueriesContext(connection) as queries:
                attendance_mark(
                    webinar=event, minutes={u.pk: 45 for u in users}, by=staff
                )
            return len(queries)

        queries_for(1)  # the user's permissions, cached after the first call
        assert queries_for(2) == queries_for(20)
