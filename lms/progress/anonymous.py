"""Progress of a visitor without an account, kept in their session.

Anyone may read and work through a course; what they do is kept in the
browser's session and attached to their account when they sign up or log in
(`services.anonymous_progress_claim`). Sessions live on the server, so the
visitor cannot write into this record except through the views.
"""

from django.utils import timezone

from .rules import LearnerRecords

SESSION_KEY = "progress"
#: Enough for every lesson of the catalogue; a bound on what a session holds.
MAX_LESSONS = 2000


class SessionProgress:
    """Reads and writes the session record.

    ``{"<course id>": {"lessons": [lesson ids], "last": lesson id, "at": iso}}``
    """

    is_authenticated = False

    def __init__(self, session):
        self.session = session

    def _courses(self) -> dict:
        return self.session.get(SESSION_KEY, {})

    def _save(self, courses: dict) -> None:
        self.session[SESSION_KEY] = courses

    def course_ids(self) -> list[int]:
        return [int(course_id) for course_id in self._courses()]

    def lesson_ids(self, course_id: int) -> list[int]:
        return list(self._courses().get(str(course_id), {}).get("lessons", []))

    def is_empty(self) -> bool:
        return not self._courses()

    def start(self, course) -> None:
        courses = self._courses()
        courses.setdefault(str(course.pk), {"lessons": [], "last": None})
        courses[str(course.pk)]["at"] = timezone.now().isoformat()
        self._save(courses)

    def lesson_done(self, course, lesson) -> bool:
        """Record the lesson; False when the session already holds too many."""
        courses = self._courses()
        entry = courses.setdefault(str(course.pk), {"lessons": [], "last": None})
        if lesson.pk not in entry["lessons"]:
            if sum(len(e["lessons"]) for e in courses.values()) >= MAX_LESSONS:
                return False
            entry["lessons"].append(lesson.pk)
        entry["last"] = lesson.pk
        self._save(courses)
        return True

    def visit(self, course_id, lesson) -> None:
        """Remember the lesson opened, in a course this visitor started."""
        courses = self._courses()
        entry = courses.get(str(course_id))
        if entry is not None and entry.get("last") != lesson.pk:
            entry["last"] = lesson.pk
            self._save(courses)

    def clear(self) -> None:
        self.session.pop(SESSION_KEY, None)

    def records_for(self, structures) -> LearnerRecords:
        courses = self._courses()
        records = LearnerRecords()
        for course_id in structures:
            entry = courses.get(str(course_id))
            if entry is None:
                continue
            records.enrolled_course_ids.add(course_id)
            records.done_lesson_ids.update(entry["lessons"])
            if entry.get("last"):
                records.last_lesson_ids[course_id] = entry["last"]
        return records
