"""Question banks and the polymorphic question types."""

from .attempt import Attempt, AttemptAnswer, AttemptState
from .bank import QuestionBank, TaggedQuestion
from .question import Difficulty, Question
from .quiz import GradingMethod, Quiz, QuizDraw, QuizQuestion, ReviewTiming
from .types import (
    Choice,
    MatchingPair,
    MatchingQuestion,
    MultipleResponseQuestion,
    NumericAnswer,
    NumericQuestion,
    OrderingItem,
    OrderingQuestion,
    ShortTextAnswer,
    ShortTextQuestion,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)

__all__ = [
    "Attempt",
    "AttemptAnswer",
    "AttemptState",
    "GradingMethod",
    "Quiz",
    "QuizDraw",
    "QuizQuestion",
    "ReviewTiming",
    "Choice",
    "Difficulty",
    "MatchingPair",
    "MatchingQuestion",
    "MultipleResponseQuestion",
    "NumericAnswer",
    "NumericQuestion",
    "OrderingItem",
    "OrderingQuestion",
    "Question",
    "QuestionBank",
    "ShortTextAnswer",
    "ShortTextQuestion",
    "SingleChoiceQuestion",
    "TaggedQuestion",
    "TrueFalseQuestion",
]
