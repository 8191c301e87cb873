"""Quiz text translated per language with modeltranslation.

Every question type is registered, even those that add no text of their own:
modeltranslation then gives each subclass the translated fields of Question.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Choice,
    MatchingPair,
    MatchingQuestion,
    MultipleResponseQuestion,
    NumericAnswer,
    NumericQuestion,
    OrderingItem,
    OrderingQuestion,
    Question,
    Quiz,
    ShortTextAnswer,
    ShortTextQuestion,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("prompt", "general_feedback")
    required_languages = {"en": ("prompt",)}


@register(
    [
        SingleChoiceQuestion,
        MultipleResponseQuestion,
        ShortTextQuestion,
        NumericQuestion,
        MatchingQuestion,
        OrderingQuestion,
    ]
)
class QuestionTypeTranslation(TranslationOptions):
    fields = ()


@register(TrueFalseQuestion)
class TrueFalseQuestionTranslation(TranslationOptions):
    fields = ("feedback_true", "feedback_false")


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ("text", "feedback")
    required_languages = {"en": ("text",)}


@register(ShortTextAnswer)
class ShortTextAnswerTranslation(TranslationOptions):
    fields = ("text", "feedback")
    required_languages = {"en": ("text",)}


@register(NumericAnswer)
class NumericAnswerTranslation(TranslationOptions):
    fields = ("feedback",)


@register(MatchingPair)
class MatchingPairTranslation(TranslationOptions):
    fields = ("prompt", "answer")
    required_languages = {"en": ("answer",)}


@register(OrderingItem)
class OrderingItemTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = {"en": ("text",)}


@register(Quiz)
class QuizTranslation(TranslationOptions):
    fields = ("title", "instructions")
    required_languages = {"en": ("title",)}
