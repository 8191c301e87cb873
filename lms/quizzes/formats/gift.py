"""GIFT, Moodle's plain-text question format: a parser and a writer.

The syntax is the one documented at https://docs.moodle.org/en/GIFT_format.
Where the documentation is silent, this module follows Moodle's own importer
(question/format/gift/format.php), so files that Moodle accepts read the same
here, with these deliberate differences:

* Mistakes Moodle would let through or guess around are reported as problems:
  text before the first ``=``/``~`` of an answer block, a title without its
  closing ``::``, stray braces, weights that are not numbers.
* Essays (``{}``) and descriptions (no braces) are reported as skipped.
* ``{true}``, ``{t}`` and so on are true/false questions whatever their case
  (Moodle only knows the upper-case forms and reads ``{true}`` as a short
  answer without ``=``, which is surely not what the author meant).
* Untagged text is ``plain``; Moodle's default format is called ``moodle``
  here and needs an explicit ``[moodle]`` tag.
* ``$CATEGORY:`` lines are ignored; a question right below one, in the
  same block, is still read (Moodle loses it).

The checks that do not depend on the file format (a right answer exists,
weights add up, ...) live in ``checks.py``; the Moodle XML parser uses them
too, so both formats refuse the same questions.
"""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from .checks import (
    NUMBER,
    ExportError,
    InvalidQuestion,
    add_checked,
    is_catch_all,
    no_value_problem,
    percent,
    plain_decimal,
)
from .schema import (
    TEXT_FORMATS,
    ImportProblem,
    ParsedChoice,
    ParsedNumericAnswer,
    ParsedPair,
    ParsedQuestion,
    ParseResult,
)

__all__ = [
    "GiftExportError",
    "gift_export",
    "gift_parse",
]

BLANK = "_____"
"""Stands for the answer box in a prompt whose answers sit mid-sentence."""

# Escaped characters are swapped for private-use code points before any syntax
# is looked at, so that ``\=`` or ``\{`` never count as syntax, and swapped
# back into the final texts (Moodle does the same with "&&061;"-style tokens).
_PLACEHOLDERS = {char: chr(0xE000 + index) for index, char in enumerate("\\:#={}~n")}
_ESCAPED = re.compile(r"\\([\\:#={}~n])")
_RESTORE = str.maketrans(
    {
        placeholder: "\n" if char == "n" else char
        for char, placeholder in _PLACEHOLDERS.items()
    }
)
_ESCAPE = str.maketrans(
    {
        "\\": "\\\\",
        "~": "\\~",
        "=": "\\=",
        "#": "\\#",
        "{": "\\{",
        "}": "\\}",
        ":": "\\:",
        "\n": "\\n",
        "\r": "",
    }
)

_FORMAT_TAG = re.compile(r"\[(html|markdown|plain|moodle)\]")
_WEIGHT = re.compile(r"%([^%\n]*)%")
_PERCENT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_TRUE = ("T", "TRUE")
_FALSE = ("F", "FALSE")


class _Skipped(InvalidQuestion):
    """A well-formed question of a kind we do not import."""


class GiftExportError(ExportError):
    """Some questions cannot be written as GIFT (ordering questions, mostly).

    ``problems`` lists them; the ``line`` of each is the 1-based position of
    the question in the list given to ``gift_export``. Nothing is written when
    this is raised, so that an export is never silently incomplete.
    """


# Reading ------------------------------------------------------------------


def gift_parse(text: str) -> ParseResult:
    """Read a GIFT file into questions, problems and skipped questions.

    Every question is either returned, or reported with the 1-based line
    where it starts: in ``problems`` if it is malformed, in ``skipped`` if it
    is an essay or a description, which we do not import.
    """
    result = ParseResult()
    for start, lines in _blocks(text.lstrip("\ufeff")):
        try:
            question = _read_question(_protect("\n".join(lines)))
        except _Skipped as skipped:
            result.skipped.append(ImportProblem(start, skipped.message))
            continue
        except InvalidQuestion as invalid:
            result.problems.append(ImportProblem(start, invalid.message))
            continue
        add_checked(result, question, start)
    return result


def _blocks(text: str):
    """Yield (first line number, stripped lines) for each question's block.

    Blank lines separate questions. Comment lines go, wherever they are;
    a ``$CATEGORY:`` line opening a block goes too (Moodle drops the rest of
    such a block, we read it as a question rather than lose it).
    """
    block: list[tuple[int, str]] = []
    for number, raw in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        line = raw.strip()
        if line.startswith("//"):
            continue
        if line:
            if not block and line.startswith("$CATEGORY:"):
                continue
            block.append((number, line))
        elif block:
            yield block[0][0], [text for _number, text in block]
            block = []
    if block:
        yield block[0][0], [text for _number, text in block]


def _protect(text: str) -> str:
    return _ESCAPED.sub(lambda match: _PLACEHOLDERS[match[1]], text)


def _split_tag(raw: str) -> tuple[str | None, str]:
    """Split a leading ``[html]``-style format tag off a piece of text."""
    match = _FORMAT_TAG.match(raw)
    if match:
        return match[1], raw[match.end() :]
    return None, raw


def _final(raw: str, *, tag: bool = True) -> str:
    """The text a piece of protected GIFT stands for.

    Like Moodle, answers and feedback may start with their own format tag;
    we drop it, as the schema has one format per question.
    """
    raw = raw.strip()
    if tag:
        raw = _split_tag(raw)[1]
    return raw.translate(_RESTORE).strip()


def _read_question(text: str) -> ParsedQuestion:
    """Turn one question's protected text into a ParsedQuestion."""
    name = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            raise InvalidQuestion(_("The question title is not closed with “::”."))
        name = _final(text[2:end], tag=False)
        text = text[end + 2 :].strip()

    start = text.find("{")
    end = text.find("}", start + 1)
    if start < 0 and end < 0:
        raise _Skipped(
            _("Description skipped: text without answers is not a question.")
        )
    if start < 0 or "}" in text[:start]:
        raise InvalidQuestion(_stray("}"))
    if end < 0:
        raise InvalidQuestion(_("The answers are not closed with “}”."))
    rest = text[end + 1 :]
    for brace in "{}":
        if brace in text[start + 1 : end] or brace in rest:
            raise InvalidQuestion(_stray(brace))

    # As in Moodle: answers that end the question leave no trace in the
    # prompt; answers followed by more text are a blank to fill in.
    prompt = text[:start] if not rest else text[:start] + BLANK + rest
    prompt_format, prompt = _split_tag(prompt.strip())
    answers = text[start + 1 : end].strip()
    general_feedback = ""
    separator = answers.rfind("####")
    if separator >= 0:
        general_feedback = _final(answers[separator + 4 :])
        answers = answers[:separator].strip()

    question = ParsedQuestion(
        kind="",
        prompt=_final(prompt, tag=False),
        name=name,
        prompt_format=prompt_format or "plain",
        general_feedback=general_feedback,
    )
    # Moodle's order of detection; each branch relies on the earlier ones.
    if not answers:
        raise _Skipped(_("Essay question skipped: essays are not supported."))
    if answers.startswith("#"):
        _read_numeric(question, answers[1:])
    elif "~" in answers:
        _read_choices(question, answers)
    elif "=" in answers and "->" in answers:
        _read_matching(question, answers)
    elif answers.split("#", 1)[0].strip().upper() in _TRUE + _FALSE:
        _read_true_false(question, answers)
    else:
        _read_short_text(question, answers)
    return question


def _stray(brace: str) -> str:
    return _(
        "Unexpected “%(brace)s”: a question has a single answer block in braces;"
        " write \\%(brace)s for a literal brace."
    ) % {"brace": brace}


def _split_answers(answers: str, markers: str) -> list[tuple[str, str]]:
    """Split an answer block into (marker, body) pairs at each marker."""
    parts = re.split(f"([{re.escape(markers)}])", answers)
    if parts[0].strip():
        raise InvalidQuestion(
            _("“%(text)s” is not an answer: answers start with = or ~.")
            % {"text": _final(parts[0], tag=False)}
        )
    return [(parts[i], parts[i + 1]) for i in range(1, len(parts), 2)]


def _weight(body: str) -> tuple[Decimal | None, str]:
    """Split a leading ``%50%`` weight off an answer, as a fraction."""
    body = body.strip()
    match = _WEIGHT.match(body)
    if not match:
        return None, body
    if not _PERCENT.fullmatch(match[1].strip()):
        raise InvalidQuestion(
            _("“%(weight)s” is not a valid weight.")
            % {"weight": match[0].translate(_RESTORE)}
        )
    return Decimal(match[1].strip()) / 100, body[match.end() :]


def _read_choices(question: ParsedQuestion, answers: str) -> None:
    """Multiple choice: ``=`` right, ``~`` wrong, ``~%n%`` weighted.

    Moodle's rule decides the kind: any ``=`` answer makes a single-choice
    question (other answers may still carry partial credit); without one,
    students may pick several answers and the weights say what each is worth.
    """
    entries = _split_answers(answers, "=~")
    for marker, body in entries:
        weight, body = _weight(body)
        if weight is None:
            weight = Decimal(1) if marker == "=" else Decimal(0)
        text, _sep, feedback = body.partition("#")
        question.choices.append(ParsedChoice(_final(text), weight, _final(feedback)))
    has_right = any(marker == "=" for marker, _body in entries)
    question.kind = "single_choice" if has_right else "multiple_response"


def _read_matching(question: ParsedQuestion, answers: str) -> None:
    """Matching: ``=left -> right``; ``= -> right`` is a distractor.

    As in Moodle, ``#`` is not feedback here and the right side has no
    format tag: both are read as they are.
    """
    question.kind = "matching"
    for _marker, body in _split_answers(answers, "="):
        if "->" not in body:
            raise InvalidQuestion(
                _("“%(text)s” has no “->”: write matching pairs as =left -> right.")
                % {"text": _final(body, tag=False)}
            )
        left, _arrow, right = body.partition("->")
        left, right = _final(left), _final(right, tag=False)
        if left:
            question.pairs.append(ParsedPair(left, right))
        else:
            question.distractors.append(right)


def _read_true_false(question: ParsedQuestion, answers: str) -> None:
    """``{T}``/``{TRUE}``/``{F}``/``{FALSE}``, optionally ``#wrong#right``.

    In Moodle's importer (split_truefalse_comment) the first feedback is the
    one shown to students who answer wrongly, the second to those who answer
    rightly. So in ``{TRUE#a#b}``, "a" is the feedback for choosing false
    and "b" for choosing true; in ``{FALSE#a#b}`` it is the other way round.
    """
    head, _sep, feedbacks = answers.partition("#")
    wrong, _sep, right = feedbacks.partition("#")
    wrong, right = _final(wrong), _final(right)
    question.kind = "true_false"
    question.correct = head.strip().upper() in _TRUE
    if question.correct:
        question.feedback_true, question.feedback_false = right, wrong
    else:
        question.feedback_true, question.feedback_false = wrong, right


def _read_short_text(question: ParsedQuestion, answers: str) -> None:
    """Short answer: ``=answer``, ``=%50%half right``; full marks by default."""
    question.kind = "short_text"
    for _marker, body in _split_answers(answers, "="):
        weight, body = _weight(body)
        text, _sep, feedback = body.partition("#")
        question.choices.append(
            ParsedChoice(
                _final(text),
                Decimal(1) if weight is None else weight,
                _final(feedback),
            )
        )


def _read_numeric(question: ParsedQuestion, answers: str) -> None:
    """Numerical: ``{#3.14:0.01}``, ``{#1..5}``, ``{#=%100%3 =%50%2:1}``.

    ``~#feedback`` after the answers is shown for any other number; it comes
    back as an answer worth nothing with neither a value nor a range.
    """
    question.kind = "numeric"
    answers, tilde, other = answers.partition("~")
    first, *rest = answers.split("=")
    entries = ([first] if first.strip() else []) + rest
    for entry in entries:
        weight, entry = _weight(entry)
        value, _sep, feedback = entry.partition("#")
        answer = ParsedNumericAnswer(
            fraction=Decimal(1) if weight is None else weight,
            feedback=_final(feedback),
        )
        value = value.strip()
        if ".." in value[1:]:
            minimum, _sep, maximum = value.partition("..")
            answer.minimum, answer.maximum = _number(minimum), _number(maximum)
        else:
            value, colon, tolerance = value.partition(":")
            answer.value = _number(value)
            if colon:
                answer.tolerance = _number(tolerance)
        question.numeric_answers.append(answer)
    if tilde:
        other = other.strip()
        if other and not other.startswith("#"):
            raise InvalidQuestion(
                _(
                    "In a numerical question, ~ may only introduce feedback for"
                    " any other answer, like ~#feedback."
                )
            )
        question.numeric_answers.append(
            ParsedNumericAnswer(fraction=Decimal(0), feedback=_final(other[1:]))
        )


def _number(raw: str) -> Decimal:
    text = _final(raw)
    if not NUMBER.fullmatch(text):
        raise InvalidQuestion(_("“%(value)s” is not a number.") % {"value": text})
    return Decimal(text)


# Checks shared with the Moodle XML parser ----------------------------------


def gift_export(questions: list[ParsedQuestion]) -> str:
    """Write questions as GIFT that ``gift_parse`` reads back unchanged.

    Texts are expected trimmed, as the parsers leave them (GIFT trims them on
    reading). Raises GiftExportError, writing nothing, if any question cannot
    be expressed in GIFT: ordering questions, "->" where a short answer or a
    matching prompt would be misread, a single-choice question without an
    answer worth full marks, several or weighted catch-all numerical answers.
    The output is also valid for Moodle's GIFT importer. A numerical
    question's answer for any other number is written (and so read back) last.
    """
    blocks, problems = [], []
    for position, question in enumerate(questions, start=1):
        try:
            blocks.append(_write_question(question))
        except InvalidQuestion as invalid:
            problems.append(ImportProblem(position, invalid.message))
    if problems:
        raise GiftExportError(problems)
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _escape(text: str) -> str:
    return text.translate(_ESCAPE)


def _piece(text: str, tag: str, *, force_tag: bool = False) -> str:
    """Escape a text, starting it with its format tag if it could be misread.

    A text that starts with "[" could pass for a format tag, one that starts
    with "%" for a weight, and one that starts with "//" for a comment: a
    leading format tag keeps them literal, in Moodle too.
    """
    if force_tag or text.startswith(("[", "%", "//")):
        return f"[{tag}]{_escape(text)}"
    return _escape(text)


def _write_question(question: ParsedQuestion) -> str:
    writers = {
        "single_choice": _write_choices,
        "multiple_response": _write_choices,
        "true_false": _write_true_false,
        "short_text": _write_short_text,
        "numeric": _write_numeric,
        "matching": _write_matching,
    }
    if question.kind == "ordering":
        raise InvalidQuestion(
            _("GIFT has no ordering questions; this one cannot be written.")
        )
    if question.kind not in writers:
        raise InvalidQuestion(
            _("Unknown question kind “%(kind)s”.") % {"kind": question.kind}
        )
    tag = question.prompt_format
    if tag not in TEXT_FORMATS:
        raise InvalidQuestion(_("Unknown text format “%(format)s”.") % {"format": tag})

    answers = writers[question.kind](question, tag)
    # Type detection comes before anything else when the file is read, and
    # "->" with "=" but no "~" means matching: there is no escape for "->".
    # Escaped characters are not syntax, hence the check on protected text.
    syntax = _protect(answers)
    misread = (
        question.kind != "matching"
        and not syntax.startswith("#")
        and "~" not in syntax
        and "=" in syntax
        and "->" in syntax
    )
    if misread or (
        question.kind == "matching"
        and any("->" in pair.prompt for pair in question.pairs)
    ):
        raise InvalidQuestion(_("GIFT cannot express “->” in this question's answers."))

    if question.general_feedback:
        feedback = "####" + _piece(question.general_feedback, tag)
        answers += f"\t{feedback}\n" if answers.endswith("\n") else feedback
    block = "{" + answers + "}"

    # A prompt with a blank gets its answers in the blank, unless the blank
    # ends the prompt: answers at the very end would leave no blank behind.
    before, blank, after = question.prompt.partition(BLANK)
    if not blank or not after.strip():
        before, after = question.prompt, ""
    title = f"::{_escape(question.name)}::" if question.name else ""
    return (
        title + _piece(before, tag, force_tag=tag != "plain") + block + (_escape(after))
    )


def _lines(lines: list[str]) -> str:
    return "\n" + "".join(f"\t{line}\n" for line in lines)


def _feedback(text: str, tag: str) -> str:
    return "#" + _piece(text, tag) if text else ""


def _write_choices(question: ParsedQuestion, tag: str) -> str:
    single = question.kind == "single_choice"
    if single and not any(choice.fraction == 1 for choice in question.choices):
        # Moodle reads any answer without "=" as a multiple-response one.
        raise InvalidQuestion(_("None of the answers gives full marks."))
    lines = []
    for choice in question.choices:
        if single and choice.fraction == 1:
            marker = "="
        elif choice.fraction == 0:
            marker = "~"
        else:
            marker = f"~%{percent(choice.fraction)}%"
        lines.append(
            marker + _piece(choice.text, tag) + _feedback(choice.feedback, tag)
        )
    return _lines(lines)


def _write_true_false(question: ParsedQuestion, tag: str) -> str:
    if question.correct is None:
        raise InvalidQuestion(
            _("It is not clear whether the right answer is true or false.")
        )
    # First feedback for a wrong answer, second for a right one (see reading).
    if question.correct:
        head, right, wrong = "TRUE", question.feedback_true, question.feedback_false
    else:
        head, right, wrong = "FALSE", question.feedback_false, question.feedback_true
    if right:
        return f"{head}#{_piece(wrong, tag)}#{_piece(right, tag)}"
    return head + _feedback(wrong, tag)


def _write_short_text(question: ParsedQuestion, tag: str) -> str:
    # The weight is always written, so that an answer starting with "%" is safe.
    return _lines(
        [
            f"=%{percent(choice.fraction)}%"
            + _piece(choice.text, tag)
            + _feedback(choice.feedback, tag)
            for choice in question.choices
        ]
    )


def _write_numeric(question: ParsedQuestion, tag: str) -> str:
    lines, catch_all = [], []
    for answer in question.numeric_answers:
        if is_catch_all(answer):
            catch_all.append(answer)
            continue
        if answer.value is not None:
            value = f"{plain_decimal(answer.value)}:{plain_decimal(answer.tolerance)}"
        elif answer.minimum is not None and answer.maximum is not None:
            value = f"{plain_decimal(answer.minimum)}..{plain_decimal(answer.maximum)}"
        else:
            raise InvalidQuestion(
                no_value_problem(question.numeric_answers.index(answer) + 1)
            )
        lines.append(
            f"=%{percent(answer.fraction)}%{value}" + _feedback(answer.feedback, tag)
        )
    if len(catch_all) > 1 or any(answer.fraction for answer in catch_all):
        raise InvalidQuestion(
            _(
                "GIFT allows only one answer for any other number, and it is"
                " worth nothing."
            )
        )
    lines += ["~" + _feedback(answer.feedback, tag) for answer in catch_all]
    return "#" + _lines(lines)


def _write_matching(question: ParsedQuestion, tag: str) -> str:
    lines = [
        f"={_piece(pair.prompt, tag)} -> {_escape(pair.answer)}"
        for pair in question.pairs
    ]
    lines += [f"= -> {_escape(distractor)}" for distractor in question.distractors]
    return _lines(lines)
