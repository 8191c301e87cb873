"""Recording who attended a webinar: from a meeting tool's report, or by hand.

``attendance_import_plan`` says what importing a parsed file would do (it
reads, it never writes); ``attendance_import_commit`` computes the plan again
inside the transaction that writes it, and refuses if it is not the plan
staff previewed. Both, like ``attendance_mark``, run a fixed number of
queries however long the file or the list of registrants: rows are read in
one query each and written with bulk operations.

Only staff who may edit the webinar's page (their bureau's webinars) may
record its attendance; the services check it themselves.
"""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from .attendance_import import (
    ParsedFile,
    PersonAttendance,
    Problem,
    WebinarTimes,
    people,
)
from .models import (
    Attendance,
    AttendanceSource,
    Registration,
    RegistrationStatus,
    WebinarPage,
)
from .services import webinar_locked
from .tasks import attendance_outcomes_task


class Action:
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    HELD_BACK = "held_back"


def webinar_times(webinar: WebinarPage) -> WebinarTimes:
    return WebinarTimes(webinar.time_zone, webinar.starts_at, webinar.ends_at)


def attendance_permission_check(*, webinar: WebinarPage, user) -> None:
    """PermissionDenied unless ``user`` may edit the webinar (their bureau's)."""
    if user is None or not webinar.permissions_for_user(user).can_edit():
        raise PermissionDenied(
            _(
                "You may not record attendance for “%(webinar)s”: only the staff "
                "of its bureau may."
            )
            % {"webinar": webinar.title}
        )


def registrants_by_email(webinar: WebinarPage) -> dict[str, Registration]:
    """Each registration of the webinar under every address of its learner:
    the account's address and the verified addresses allauth holds."""
    registrations = list(
        Registration.objects.filter(webinar=webinar).select_related("user")
    )
    by_user = {registration.user_id: registration for registration in registrations}
    found = {}
    for address in EmailAddress.objects.filter(
        user_id__in=by_user, verified=True
    ).values_list("user_id", "email"):
        found[address[1].casefold()] = by_user[address[0]]
    for registration in registrations:
        if registration.user.email:
            found[registration.user.email.casefold()] = registration
    return found


@dataclass(frozen=True)
class PlannedAttendance:
    """What importing does for one person of the file."""

    person: PersonAttendance
    registration: Registration
    action: str
    attended: bool
    previous: Attendance | None = None
    #: The rows whose problems hold this person back.
    problem_rows: tuple[int, ...] = ()

    @property
    def is_written(self) -> bool:
        return self.action in (Action.NEW, Action.UPDATED)


@dataclass
class ImportPlan:
    """What importing a parsed file would do to a webinar's attendance."""

    webinar: WebinarPage
    parsed: ParsedFile
    entries: list[PlannedAttendance] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def file_problems(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.row]

    def entries_with(self, action: str) -> list[PlannedAttendance]:
        return [entry for entry in self.entries if entry.action == action]

    @property
    def to_write(self) -> list[PlannedAttendance]:
        return [entry for entry in self.entries if entry.is_written]

    @property
    def problem_row_count(self) -> int:
        return len({problem.row for problem in self.problems if problem.row})

    def can_commit(self, *, skip_problems: bool) -> bool:
        """Something to write, and no problem unless staff skip those rows."""
        if self.file_problems or not self.to_write:
            return False
        return skip_problems or not self.problems

    @cached_property
    def fingerprint(self) -> str:
        """Identifies the plan: the same file, registrants and attendance give
        the same fingerprint, so a commit knows it writes what was previewed."""
        parts = [
            f"{e.registration.user_id}:{e.action}:{e.person.minutes}:"
            f"{e.person.joined}:{e.person.left}"
            for e in self.entries
        ]
        parts += [f"{p.row}:{p.message}:{p.email}" for p in self.problems]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _action(person: PersonAttendance, previous: Attendance | None) -> str:
    if previous is None:
        return Action.NEW
    same = (
        previous.minutes == person.minutes
        and previous.joined_at == person.joined
        and previous.left_at == person.left
        and previous.source == AttendanceSource.IMPORT
    )
    return Action.UNCHANGED if same else Action.UPDATED


def attendance_import_plan(
    *,
    webinar: WebinarPage,
    parsed: ParsedFile,
    registrants: Mapping[str, Registration] | None = None,
) -> ImportPlan:
    """Match the file's people to the webinar's registrants and compare with
    the attendance recorded; reads only.

    A person with any problem row is held back whole: adding up only their
    good rows would record less time than they spent.
    """
    if registrants is None:
        registrants = registrants_by_email(webinar)
    plan = ImportPlan(webinar=webinar, parsed=parsed, problems=list(parsed.problems))
    for row in parsed.rows:
        if row.email not in registrants:
            plan.problems.append(
                Problem(
                    row.row,
                    _("This address is not registered for this webinar."),
                    row.email,
                    row.email,
                )
            )
    plan.problems.sort(key=lambda problem: problem.row)
    problem_rows: dict[str, list[int]] = {}
    for problem in plan.problems:
        if problem.email and problem.email in registrants:
            problem_rows.setdefault(problem.email, []).append(problem.row)
    matched = [person for person in people(parsed.rows) if person.email in registrants]
    existing = {
        attendance.user_id: attendance
        for attendance in Attendance.objects.filter(
            webinar=webinar,
            user_id__in={registrants[p.email].user_id for p in matched},
        )
    }
    seen_users = set()
    for person in matched:
        registration = registrants[person.email]
        if registration.user_id in seen_users:
            # Two addresses of one learner: keep the first, as a problem.
            plan.problems.append(
                Problem(
                    person.rows[0],
                    _("Another address of this learner is already in the file."),
                    person.email,
                    person.email,
                )
            )
            continue
        seen_users.add(registration.user_id)
        previous = existing.get(registration.user_id)
        held = tuple(problem_rows.get(person.email, ()))
        plan.entries.append(
            PlannedAttendance(
                person=person,
                registration=registration,
                action=Action.HELD_BACK if held else _action(person, previous),
                attended=person.minutes >= webinar.min_attended_minutes,
                previous=previous,
                problem_rows=held,
            )
        )
    return plan


class AttendanceImportError(Exception):
    """The import was refused; ``plan`` is the plan as it stands now."""

    def __init__(self, message: str, plan: ImportPlan):
        super().__init__(message)
        self.message = message
        self.plan = plan


@dataclass(frozen=True)
class ImportOutcome:
    created: int
    updated: int
    unchanged: int
    skipped_rows: int


def attendance_import_commit(
    *,
    webinar: WebinarPage,
    parsed: ParsedFile,
    by,
    skip_problems: bool = False,
    expected_fingerprint: str | None = None,
) -> ImportOutcome:
    """Write the attendance of a parsed file, all of it or nothing.

    The plan is made again with the webinar's row locked: if it differs from
    the one previewed (``expected_fingerprint``), or has problems and
    ``skip_problems`` is False, AttendanceImportError is raised and nothing
    is written. With ``skip_problems`` the problem rows, and everyone with
    one, are left out. Importing the same file again changes nothing.
    """
    attendance_permission_check(webinar=webinar, user=by)
    with transaction.atomic():
        webinar = webinar_locked(webinar)
        plan = attendance_import_plan(webinar=webinar, parsed=parsed)
        if (
            expected_fingerprint is not None
            and plan.fingerprint != expected_fingerprint
        ):
            raise AttendanceImportError(
                _(
                    "Registrations or attendance changed since the preview: check "
                    "the new preview and confirm again."
                ),
                plan,
            )
        if plan.file_problems or (plan.problems and not skip_problems):
            raise AttendanceImportError(
                _("The file has problems: nothing was imported."), plan
            )
        now = timezone.now()
        created, updated = [], []
        for entry in plan.to_write:
            attendance = entry.previous or Attendance(
                webinar=webinar, user_id=entry.registration.user_id
            )
            attendance.minutes = entry.person.minutes
            attendance.joined_at = entry.person.joined
            attendance.left_at = entry.person.left
            attendance.source = AttendanceSource.IMPORT
            attendance.recorded_at = now
            (updated if entry.previous else created).append(attendance)
        Attendance.objects.bulk_create(created)
        Attendance.objects.bulk_update(
            updated, ["minutes", "joined_at", "left_at", "source", "recorded_at"]
        )
    _outcomes_later(webinar)
    return ImportOutcome(
        created=len(created),
        updated=len(updated),
        unchanged=len(plan.entries_with(Action.UNCHANGED)),
        skipped_rows=plan.problem_row_count,
    )


def confirmed_registrations(webinar: WebinarPage) -> list[Registration]:
    """The people with a seat, in name order, for marking by hand."""
    return list(
        Registration.objects.filter(
            webinar=webinar, status=RegistrationStatus.CONFIRMED
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email", "pk")
    )


@dataclass(frozen=True)
class MarkOutcome:
    created: int
    updated: int
    removed: int


def attendance_mark(
    *, webinar: WebinarPage, minutes: Mapping[int, int | None], by
) -> MarkOutcome:
    """Record by hand the minutes each learner (by user id) attended.

    None removes the learner's attendance (absent). Learners not in
    ``minutes`` and unchanged values are left alone, so an imported record
    keeps its source unless staff change it. Only registered learners may be
    marked.
    """
    attendance_permission_check(webinar=webinar, user=by)
    with transaction.atomic():
        webinar = webinar_locked(webinar)
        registered = set(
            Registration.objects.filter(
                webinar=webinar, user_id__in=list(minutes)
            ).values_list("user_id", flat=True)
        )
        unknown = set(minutes) - registered
        if unknown:
            raise ValidationError(
                _("Only learners registered for this webinar can be marked."),
                code="not_registered",
            )
        existing = {
            attendance.user_id: attendance
            for attendance in Attendance.objects.filter(
                webinar=webinar, user_id__in=list(minutes)
            )
        }
        now = timezone.now()
        created, updated, removed = [], [], []
        for user_id, value in minutes.items():
            previous = existing.get(user_id)
            if value is None:
                if previous is not None:
                    removed.append(previous.pk)
                continue
            if previous is not None and previous.minutes == value:
                continue
            attendance = previous or Attendance(webinar=webinar, user_id=user_id)
            attendance.minutes = value
            attendance.source = AttendanceSource.MANUAL
            attendance.recorded_at = now
            (updated if previous else created).append(attendance)
        Attendance.objects.bulk_create(created)
        Attendance.objects.bulk_update(updated, ["minutes", "source", "recorded_at"])
        if removed:
            Attendance.objects.filter(pk__in=removed).delete()
    _outcomes_later(webinar)
    return MarkOutcome(created=len(created), updated=len(updated), removed=len(removed))


def _outcomes_later(webinar: WebinarPage) -> None:
    """Once the attendance is stored, issue certificates and module credit in
    the background: a cost per attendee the request should not wait for."""
    transaction.on_commit(
        lambda: attendance_outcomes_task.enqueue(webinar_id=webinar.pk)
    )
