"""Questions as import and export formats see them, independent of the models.

GIFT and Moodle XML parsers produce these; exporters read them; the import
service turns them into Question rows. Fractions are Decimals: 1 is full
credit, 0 none, negative values are penalties (multiple response, weighted
answers).
"""

from dataclasses import dataclass, field
from decimal import Decimal

KINDS = (
    "single_choice",
    "multiple_response",
    "true_false",
    "short_text",
    "numeric",
    "matching",
    "ordering",
)
TEXT_FORMATS = ("plain", "html", "markdown", "moodle")


@dataclass
class ParsedChoice:
    """A choice of a choice question, or an accepted answer of a short-text one."""

    text: str
    fraction: Decimal
    feedback: str = ""


@dataclass
class ParsedNumericAnswer:
    """A numeric answer: ``value`` plus or minus ``tolerance``, or a range."""

    fraction: Decimal
    value: Decimal | None = None
    tolerance: Decimal = Decimal(0)
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    feedback: str = ""


@dataclass
class ParsedPair:
    """A matching pair: the prompt on the left, its answer on the right."""

    prompt: str
    answer: str


@dataclass
class ParsedQuestion:
    """One question of any supported kind; fields a kind does not use stay empty."""

    kind: str
    prompt: str
    name: str = ""
    prompt_format: str = "plain"
    general_feedback: str = ""
    choices: list[ParsedChoice] = field(default_factory=list)
    correct: bool | None = None
    feedback_true: str = ""
    feedback_false: str = ""
    numeric_answers: list[ParsedNumericAnswer] = field(default_factory=list)
    pairs: list[ParsedPair] = field(default_factory=list)
    distractors: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class ImportProblem:
    """Something wrong (or skipped) in a file, with its line or element number."""

    line: int
    message: str


@dataclass
class ParseResult:
    """What a parser found: questions, problems that block the import, and
    questions of types we do not support, reported and skipped."""

    questions: list[ParsedQuestion] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    skipped: list[ImportProblem] = field(default_factory=list)
