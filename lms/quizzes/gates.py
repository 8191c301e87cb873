"""Checks other apps add before a learner may start a quiz.

The quizzes app knows nothing of courses' completion rules; the progress app
registers a gate that refuses an assessment of a locked module or course.
A gate raises ``ValidationError`` with a message for the learner.
"""

from collections.abc import Callable

_gates: list[Callable] = []


def register_start_gate(gate: Callable) -> None:
    """Run ``gate(quiz=..., user=...)`` before every new attempt."""
    if gate not in _gates:
        _gates.append(gate)


def start_gates_check(*, quiz, user) -> None:
    for gate in _gates:
        gate(quiz=quiz, user=user)
