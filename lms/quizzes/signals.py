"""Events other apps may follow without the quizzes app knowing them."""

from django.dispatch import Signal

#: Sent once per attempt, after the attempt was graded and the grading
#: committed; arguments: ``attempt``.
attempt_submitted = Signal()
