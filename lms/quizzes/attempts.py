"""Taking a quiz: start an attempt, save answers as they come, submit once.

Every function is a service in the HackSoft sense: keyword-only, one
transaction, the only place these rows are written.
"""

import random
import secrets
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from .gates import start_gates_check
from .grading import ZERO
from .models import Attempt, AttemptAnswer, AttemptState, Question, Quiz
from .selectors import questions_with_answers, submitted_attempts
from .signals import attempt_submitted


def _draw_question_ids(quiz: Quiz, rng: random.Random) -> list[int]:
    """Fixed questions, then each draw's random picks, shuffled if asked."""
    chosen = [link.question_id for link in quiz.fixed.all()]
    for draw in quiz.draws.all():
        pool = Question.objects.filter(bank=draw.bank).exclude(pk__in=chosen)
        if draw.tag:
            pool = pool.filter(tags__name=draw.tag)
        candidates = sorted(pool.values_list("pk", flat=True))
        if len(candidates) < draw.count:
            raise ValidationError(
                _(
                    "The quiz asks for %(count)d questions from %(bank)s but only "
                    "%(available)d are there."
                )
                % {"count": draw.count, "bank": draw.bank, "available": len(candidates)}
            )
        chosen += rng.sample(candidates, draw.count)
    if quiz.shuffle_questions:
        rng.shuffle(chosen)
    return chosen


def attempt_start(*, quiz: Quiz, user, now=None) -> Attempt:
    """The learner's open attempt at ``quiz``, or a new one if the rules allow.

    A second tab or device gets the same open attempt; an open attempt past its
    deadline is submitted first.
    """
    now = now or timezone.now()
    open_attempt = Attempt.objects.filter(
        quiz=quiz, user=user, state=AttemptState.IN_PROGRESS
    ).first()
    if open_attempt is not None:
        if open_attempt.deadline is None or now <= open_attempt.deadline:
            return open_attempt
        attempt_submit(attempt=open_attempt, now=now)

    start_gates_check(quiz=quiz, user=user)
    done = submitted_attempts(quiz=quiz, user=user)
    if quiz.max_attempts is not None and len(done) >= quiz.max_attempts:
        raise ValidationError(_("You have used all the attempts this quiz allows."))
    if done and quiz.attempt_delay_minutes:
        ready = done[-1].submitted_at + timedelta(minutes=quiz.attempt_delay_minutes)
        if now < ready:
            raise ValidationError(
                _("You can try again from %(time)s.")
                % {"time": date_format(localtime(ready), "DATETIME_FORMAT")}
            )
    seed = secrets.randbelow(2**31)
    question_ids = _draw_question_ids(quiz, random.Random(seed))  # noqa: S311 - order, not secrecy
    if not question_ids:
        raise ValidationError(_("This quiz has no questions yet."))
    deadline = None
    if quiz.time_limit_minutes:
        deadline = now + timedelta(minutes=quiz.time_limit_minutes)
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                quiz=quiz,
                user=user,
                number=len(done) + 1,
                question_ids=question_ids,
                seed=seed,
                started_at=now,
                deadline=deadline,
            )
    except IntegrityError:
        # Two tabs started at once: the other request's attempt won.
        return Attempt.objects.get(quiz=quiz, user=user, state=AttemptState.IN_PROGRESS)


def attempt_save_answer(
    *, attempt: Attempt, question_id, raw, now=None
) -> AttemptAnswer:
    """Keep the learner's latest answer to one question of an open attempt.

    Refuses questions that are not in the attempt, answers after the deadline
    (the attempt is then closed) and answers the question cannot accept.
    """
    try:
        question_id = int(question_id)
    except (TypeError, ValueError):
        question_id = None
    saved, errors = attempt_save_answers(
        attempt=attempt, raws={question_id: raw}, now=now
    )
    if errors:
        raise errors[question_id]
    return saved[0]


def attempt_save_answers(
    *, attempt: Attempt, raws: dict, now=None, questions=None
) -> tuple[list[AttemptAnswer], dict]:
    """Keep the learner's latest answers to several questions of an open attempt.

    ``raws`` maps question ids to what was sent. Answers the question accepts
    are saved together (a bounded number of queries, whatever their number);
    the others are returned as ``{question_id: ValidationError}``, so one bad
    answer never loses the rest. The attempt being closed or past its deadline
    refuses everything.
    """
    now = now or timezone.now()
    _check_open(attempt, now)
    stray = set(raws) - set(attempt.question_ids)
    if stray:
        raise ValidationError(_("This question is not part of your attempt."))
    if questions is None:
        questions = questions_with_answers(list(raws))
    rows, errors = [], {}
    for question_id, raw in raws.items():
        try:
            value = questions[question_id].clean_answer(raw)
        except ValidationError as error:
            errors[question_id] = error
            continue
        rows.append(
            AttemptAnswer(
                attempt=attempt, question_id=question_id, value=value, saved_at=now
            )
        )
    with transaction.atomic():
        # The row lock orders this save with attempt_submit: answers from a
        # tab that did not see another tab's submit are refused, never stored
        # beside a grade they did not get.
        still_open = (
            Attempt.objects.select_for_update()
            .filter(pk=attempt.pk, state=AttemptState.IN_PROGRESS)
            .exists()
        )
        if not still_open:
            raise ValidationError(_("This attempt has been submitted."))
        AttemptAnswer.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["attempt", "question"],
            update_fields=["value", "saved_at"],
        )
    return rows, errors


def _check_open(attempt: Attempt, now) -> None:
    """Refuse answers to a submitted attempt, closing one whose time is up."""
    if not attempt.is_open:
        raise ValidationError(_("This attempt has been submitted."))
    if attempt.deadline is not None and now > attempt.deadline:
        attempt_submit(attempt=attempt, now=now)
        raise ValidationError(_("Time is up: this answer arrived after the deadline."))


def attempt_submit(*, attempt: Attempt, now=None) -> Attempt:
    """Grade and close the attempt once; a second submit changes nothing.

    Sends ``attempt_submitted`` once, when this call is the one that graded it.

    The attempt row is locked so that two submits (double click, two tabs)
    yield one graded attempt.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if not locked.is_open:
            return locked
        questions = questions_with_answers(locked.question_ids)
        answers = list(locked.answers.all())
        total = ZERO
        for answer in answers:
            grade = questions[answer.question_id].grade_raw(answer.value)
            answer.fraction, answer.feedback = grade.fraction, grade.feedback
            total += grade.fraction
        AttemptAnswer.objects.bulk_update(answers, ["fraction", "feedback"])
        count = Decimal(len(locked.question_ids)) or Decimal(1)
        locked.score = max(ZERO, total / count).quantize(Decimal("0.0000001"))
        locked.state = AttemptState.SUBMITTED
        # An attempt closed late counts as submitted at its deadline.
        locked.submitted_at = min(now, locked.deadline) if locked.deadline else now
        locked.save(update_fields=["score", "state", "submitted_at"])
    attempt.refresh_from_db()
    # After the block: the grade is committed before anyone acts on it.
    attempt_submitted.send(sender=Attempt, attempt=locked)
    return locked
