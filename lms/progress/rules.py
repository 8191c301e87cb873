"""The completion rules, as pure functions of a course's structure and a
learner's records: no queries here, so every page and service agrees.

- A lesson is done when the learner marked it done (services check its
  required quizzes before recording it).
- A module is complete when it is unlocked, its required lessons are done and
  its assessment, if any, is passed.
- A course is complete when it is unlocked, its required modules are complete
  and its final assessment, if any, is passed.
- A completion once recorded stays: lessons added later do not undo it.
"""

from dataclasses import dataclass, field
from datetime import datetime

from courses.selectors import ModuleOutline


@dataclass
class CourseStructure:
    """What a course asks: its live outline, assessments and prerequisites."""

    course: object
    outline: list[ModuleOutline]
    #: Assessment quizzes by the id of the module or course they assess.
    assessments: dict[int, object] = field(default_factory=dict)
    #: Live prerequisite modules of each module, by module id.
    module_prerequisites: dict[int, list] = field(default_factory=dict)
    #: Live courses to complete before this one.
    course_prerequisites: list = field(default_factory=list)

    def lessons(self):
        return [lesson for entry in self.outline for lesson in entry.lessons]

    def module_of(self, lesson_id: int) -> ModuleOutline | None:
        for entry in self.outline:
            if any(lesson.pk == lesson_id for lesson in entry.lessons):
                return entry
        return None


@dataclass
class LearnerRecords:
    """What one learner (account or anonymous browser) has done in some courses."""

    enrolled_course_ids: set[int] = field(default_factory=set)
    last_lesson_ids: dict[int, int] = field(default_factory=dict)
    done_lesson_ids: set[int] = field(default_factory=set)
    done_module_ids: set[int] = field(default_factory=set)
    done_courses: dict[int, datetime | None] = field(default_factory=dict)
    #: Quiz grades (0 to 1) by quiz id.
    grades: dict[int, object] = field(default_factory=dict)


@dataclass
class ModuleProgress:
    entry: ModuleOutline
    assessment: object | None
    assessment_passed: bool
    locked_by: list
    complete: bool
    recorded: bool
    steps_total: int
    steps_done: int

    @property
    def module(self):
        return self.entry.module

    @property
    def percent(self) -> int:
        return _percent(self.steps_done, self.steps_total, self.complete)


@dataclass
class CourseProgress:
    """One learner's standing in one course, ready for templates and services."""

    structure: CourseStructure
    enrolled: bool
    done_lesson_ids: set[int]
    modules: dict[int, ModuleProgress]
    locked_by: list
    assessment: object | None
    assessment_passed: bool
    complete: bool
    recorded: bool
    completed_at: datetime | None
    steps_total: int
    steps_done: int
    continue_lesson: object | None

    @property
    def course(self):
        return self.structure.course

    @property
    def percent(self) -> int:
        return _percent(self.steps_done, self.steps_total, self.complete)

    @property
    def started(self) -> bool:
        return self.enrolled or bool(self.done_lesson_ids)

    def newly_complete_module_ids(self) -> list[int]:
        """Modules the rules now call complete that no record says so yet."""
        return [
            pk
            for pk, module in self.modules.items()
            if module.complete and not module.recorded
        ]

    def is_newly_complete(self) -> bool:
        return self.complete and not self.recorded


def _percent(done: int, total: int, complete: bool) -> int:
    if complete:
        return 100
    if not total:
        return 0
    return min(99, (100 * done) // total)


def _passed(quiz, records: LearnerRecords) -> bool:
    return quiz is not None and quiz.passes(records.grades.get(quiz.pk))


def course_progress_evaluate(
    structure: CourseStructure, records: LearnerRecords
) -> CourseProgress:
    """Apply the completion rules to one learner's records in one course."""
    course = structure.course
    done = records.done_lesson_ids
    course_recorded = course.pk in records.done_courses
    course_locked_by = (
        []
        if course_recorded
        else [
            other
            for other in structure.course_prerequisites
            if other.pk not in records.done_courses
        ]
    )
    complete_ids = {
        entry.module.pk
        for entry in structure.outline
        if entry.module.pk in records.done_module_ids
    }
    # Unlocking one module may unlock the next: repeat until nothing changes.
    changed = True
    while changed:
        changed = False
        for entry in structure.outline:
            pk = entry.module.pk
            if pk in complete_ids or course_locked_by:
                continue
            if _module_locked_by(structure, pk, complete_ids):
                continue
            assessment = structure.assessments.get(pk)
            lessons_done = all(lesson.pk in done for lesson in entry.required_lessons)
            passed = assessment is None or _passed(assessment, records)
            if lessons_done and passed:
                complete_ids.add(pk)
                changed = True

    modules = {}
    for entry in structure.outline:
        pk = entry.module.pk
        assessment = structure.assessments.get(pk)
        passed = _passed(assessment, records)
        complete = pk in complete_ids
        total = len(entry.required_lessons) + (assessment is not None)
        steps = (
            total
            if complete
            else sum(lesson.pk in done for lesson in entry.required_lessons) + passed
        )
        modules[pk] = ModuleProgress(
            entry=entry,
            assessment=assessment,
            assessment_passed=passed,
            locked_by=(
                []
                if complete
                else course_locked_by or _module_locked_by(structure, pk, complete_ids)
            ),
            complete=complete,
            recorded=pk in records.done_module_ids,
            steps_total=total,
            steps_done=steps,
        )

    final = structure.assessments.get(course.pk)
    final_passed = _passed(final, records)
    required_modules = [
        modules[entry.module.pk]
        for entry in structure.outline
        if entry.module.is_required
    ]
    steps_total = sum(m.steps_total for m in required_modules) + (final is not None)
    steps_done = sum(m.steps_done for m in required_modules) + final_passed
    complete = course_recorded or (
        not course_locked_by
        and steps_total > 0
        and all(m.complete for m in required_modules)
        and (final is None or final_passed)
    )
    return CourseProgress(
        structure=structure,
        enrolled=course.pk in records.enrolled_course_ids,
        done_lesson_ids={
            lesson.pk for lesson in structure.lessons() if lesson.pk in done
        },
        modules=modules,
        locked_by=course_locked_by,
        assessment=final,
        assessment_passed=final_passed,
        complete=complete,
        recorded=course_recorded,
        completed_at=records.done_courses.get(course.pk),
        steps_total=steps_total,
        steps_done=steps_done,
        continue_lesson=_continue_lesson(structure, records, modules),
    )


def _module_locked_by(structure: CourseStructure, module_id: int, complete_ids) -> list:
    return [
        other
        for other in structure.module_prerequisites.get(module_id, [])
        if other.pk not in complete_ids
    ]


def _continue_lesson(structure: CourseStructure, records: LearnerRecords, modules):
    """The lesson last opened, else the first unlocked lesson not yet done."""
    lessons = structure.lessons()
    last_id = records.last_lesson_ids.get(structure.course.pk)
    for lesson in lessons:
        if lesson.pk == last_id:
            return lesson
    for entry in structure.outline:
        if modules[entry.module.pk].locked_by:
            continue
        for lesson in entry.lessons:
            if lesson.pk not in records.done_lesson_ids:
                return lesson
    return lessons[0] if lessons else None
