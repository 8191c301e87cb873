"""Moodle XML, Moodle's complete question exchange format: a parser and a writer.

The format is documented at https://docs.moodle.org/en/Moodle_XML_format;
where the documentation is silent this follows Moodle's own importer
(question/format/xml/format.php) and, for ordering questions, the
qtype_ordering plugin. Only the question content the schema knows about is
read: grading options Moodle keeps besides (penalties, shuffling, units of
numerical questions, case sensitivity of short answers, combined feedback,
hints, tags, embedded files) are ignored.

Files are parsed with the standard library, which has no switch to forbid
document type declarations; the file is therefore scanned first with expat
and refused if it has any (that is where "billion laughs" entity bombs and
external entities live), before ElementTree sees it.
"""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from xml.parsers import expat

from django.utils.translation import gettext as _

from .checks import (
    NUMBER,
    ExportError,
    InvalidQuestion,
    add_checked,
    plain_decimal,
)
from .schema import (
    ImportProblem,
    ParsedChoice,
    ParsedNumericAnswer,
    ParsedPair,
    ParsedQuestion,
    ParseResult,
)

__all__ = ["MoodleXmlExportError", "moodle_xml_export", "moodle_xml_parse"]

# Moodle's names of text formats, and ours. Moodle reads a missing or unknown
# format as HTML (and so do we).
_FORMATS = {
    "html": "html",
    "moodle_auto_format": "moodle",
    "plain_text": "plain",
    "markdown": "markdown",
}
_MOODLE_FORMATS = {ours: theirs for theirs, ours in _FORMATS.items()}
_DEFAULT_FORMAT = "html"

_TYPES = {
    "multichoice": None,  # single_choice or multiple_response, see <single>
    "truefalse": "true_false",
    "shortanswer": "short_text",
    "numerical": "numeric",
    "matching": "matching",
    "ordering": "ordering",
}
_MOODLE_TYPES = {
    "single_choice": "multichoice",
    "multiple_response": "multichoice",
    "true_false": "truefalse",
    "short_text": "shortanswer",
    "numeric": "numerical",
    "matching": "matching",
    "ordering": "ordering",
}

# Characters XML 1.0 cannot carry at all, not even as references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class _Refused(Exception):
    """Raised from expat handlers to stop at a document type declaration."""


class MoodleXmlExportError(ExportError):
    """Some questions cannot be written as Moodle XML (unknown kind, a
    true/false question without its answer, ...).

    ``problems`` lists them; the ``line`` of each is the 1-based position of
    the question in the list given to ``moodle_xml_export``.
    """


# Reading ------------------------------------------------------------------


def moodle_xml_parse(data: bytes | str) -> ParseResult:
    """Read a Moodle XML file into questions, problems and skipped questions.

    The ``line`` of a question and of its problems is its 1-based position
    among the file's <question> elements (categories included), which is
    what Moodle users can count; a file that is not well-formed gives one
    problem at the parser's line number instead. Category "questions" are
    ignored; types the schema cannot hold are reported in ``skipped``.
    """
    result = ParseResult()
    refusal = _check_document(data)
    if refusal:
        result.problems.append(refusal)
        return result
    # Safe: _check_document refused any DTD, hence any entity declaration.
    root = ET.fromstring(data)  # noqa: S314
    if root.tag != "quiz":
        result.problems.append(
            ImportProblem(
                1,
                _(
                    "This is not a Moodle XML question file: its root element"
                    " is <%(tag)s> instead of <quiz>."
                )
                % {"tag": root.tag},
            )
        )
        return result

    for number, element in enumerate(root.findall("question"), start=1):
        qtype = (element.get("type") or "").strip()
        if qtype == "category":
            continue
        if not qtype:
            message = _("This <question> element has no type attribute.")
            result.problems.append(ImportProblem(number, message))
            continue
        if qtype not in _TYPES:
            result.skipped.append(
                ImportProblem(
                    number,
                    _(
                        "Question type “%(type)s” is not supported;"
                        " the question was skipped."
                    )
                    % {"type": qtype},
                )
            )
            continue
        try:
            question = _read_question(element, qtype)
        except InvalidQuestion as invalid:
            result.problems.append(ImportProblem(number, invalid.message))
            continue
        add_checked(result, question, number)
    return result


def _check_document(data: bytes | str) -> ImportProblem | None:
    """Refuse files that are not well-formed or declare a document type.

    expat reports the DOCTYPE before reading any entity declaration in it,
    so nothing is ever expanded. Whatever the encoding, expat decodes it.
    """
    parser = expat.ParserCreate()

    def refuse(*args):
        raise _Refused

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except _Refused:
        return ImportProblem(
            parser.CurrentLineNumber,
            _(
                "The file declares a document type (<!DOCTYPE> or <!ENTITY>),"
                " which is refused for security reasons."
            ),
        )
    except expat.ExpatError as error:
        return ImportProblem(
            error.lineno,
            _("The file is not well-formed XML: %(error)s.")
            % {"error": expat.ErrorString(error.code)},
        )
    return None


def _text(element: ET.Element | None, path: str = "") -> str:
    """The trimmed ``<text>`` of element (or of its child at path)."""
    if element is not None and path:
        element = element.find(path)
    if element is None:
        return ""
    text = element.find("text")
    return (text.text or "").strip() if text is not None else ""


def _number(raw: str) -> Decimal:
    raw = raw.strip()
    if not NUMBER.fullmatch(raw):
        raise InvalidQuestion(_("“%(value)s” is not a number.") % {"value": raw})
    return Decimal(raw)


def _fraction(answer: ET.Element) -> Decimal:
    """An answer's credit; Moodle writes it as a percentage."""
    return _number(answer.get("fraction", "0")) / 100


def _read_question(element: ET.Element, qtype: str) -> ParsedQuestion:
    questiontext = element.find("questiontext")
    prompt_format = _DEFAULT_FORMAT
    if questiontext is not None:
        prompt_format = questiontext.get("format", _DEFAULT_FORMAT).strip()
    question = ParsedQuestion(
        kind=_TYPES[qtype] or "",
        prompt=_text(questiontext),
        name=_text(element, "name"),
        prompt_format=_FORMATS.get(prompt_format, _FORMATS[_DEFAULT_FORMAT]),
        general_feedback=_text(element, "generalfeedback"),
    )
    answers = element.findall("answer")
    if qtype == "multichoice":
        # Moodle: a missing <single> means single; "false", "0" or empty not.
        single = element.find("single")
        value = "true" if single is None else (single.text or "").strip().lower()
        multiple = value in ("false", "0", "")
        question.kind = "multiple_response" if multiple else "single_choice"
        question.choices = [_choice(answer) for answer in answers]
    elif qtype == "shortanswer":
        question.choices = [_choice(answer) for answer in answers]
    elif qtype == "truefalse":
        _read_true_false(question, answers)
    elif qtype == "numerical":
        question.numeric_answers = [_numeric_answer(answer) for answer in answers]
    elif qtype == "matching":
        _read_matching(question, element)
    else:
        # qtype_ordering keeps items in their right order in the file (and
        # renumbers them on import), dropping blank ones.
        question.items = [_text(answer) for answer in answers if _text(answer)]
    return question


def _choice(answer: ET.Element) -> ParsedChoice:
    return ParsedChoice(_text(answer), _fraction(answer), _text(answer, "feedback"))


def _read_true_false(question: ParsedQuestion, answers: list[ET.Element]) -> None:
    """Two answers, "true" and "false"; the one worth 100% is right.

    Very old files have localised answer texts: as Moodle does, the first
    answer is then taken for "true" and the second for "false".
    """
    right = {}
    for index, answer in enumerate(answers):
        text = _text(answer).lower()
        if text not in ("true", "false"):
            text = "true" if index == 0 else "false"
        right[text] = _fraction(answer) == 1
        if text == "true":
            question.feedback_true = _text(answer, "feedback")
        else:
            question.feedback_false = _text(answer, "feedback")
    if right.get("true") != right.get("false"):
        question.correct = right.get("true", not right.get("false"))


def _numeric_answer(answer: ET.Element) -> ParsedNumericAnswer:
    """A value with its tolerance; "*" (any other number) has no value."""
    text = _text(answer)
    if answer.find("text") is None:
        text = (answer.text or "").strip()  # Old files: no <text> wrapper.
    parsed = ParsedNumericAnswer(
        fraction=_fraction(answer), feedback=_text(answer, "feedback")
    )
    if text not in ("", "*"):
        parsed.value = _number(text)
        tolerance = answer.find("tolerance")
        if tolerance is not None and (tolerance.text or "").strip():
            parsed.tolerance = _number(tolerance.text)
    return parsed


def _read_matching(question: ParsedQuestion, element: ET.Element) -> None:
    """Subquestions are pairs; those without text are distractors.

    A subquestion with neither text nor answer is a blank row of Moodle's
    editing form and is left out.
    """
    for subquestion in element.findall("subquestion"):
        prompt, answer = _text(subquestion), _text(subquestion, "answer")
        if prompt:
            question.pairs.append(ParsedPair(prompt, answer))
        elif answer:
            question.distractors.append(answer)


# Writing --------------------------------------------------------------------


def moodle_xml_export(questions: list[ParsedQuestion]) -> str:
    """Write questions as a Moodle XML file that Moodle (and
    ``moodle_xml_parse``) can import.

    Reading the file back gives the same questions, but for two things
    Moodle XML cannot hold: a numerical range comes back as its midpoint
    plus or minus half its width (the same accepted numbers), and a question
    without a name gets one made from its text, as Moodle needs names.
    Raises MoodleXmlExportError, writing nothing, for questions that cannot
    be written at all.
    """
    quiz = ET.Element("quiz")
    problems = []
    for position, question in enumerate(questions, start=1):
        try:
            quiz.append(_question_element(question, position))
        except InvalidQuestion as invalid:
            problems.append(ImportProblem(position, invalid.message))
    if problems:
        raise MoodleXmlExportError(problems)
    ET.indent(quiz)
    body = ET.tostring(quiz, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _sub(parent: ET.Element, tag: str, value: str, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = _NOT_XML.sub("", value)
    return element


def _text_element(parent: ET.Element, tag: str, text: str, **attributes):
    """``<tag attributes><text>text</text></tag>``, Moodle's usual shape."""
    element = ET.SubElement(parent, tag, attributes)
    _sub(element, "text", text)
    return element


def _default_name(question: ParsedQuestion, position: int) -> str:
    """A name from the start of the question's text, tags removed."""
    text = " ".join(re.sub(r"<[^>]*>", " ", question.prompt).split())
    if len(text) > 60:
        text = text[:59].rstrip() + "…"
    return text or _("Question %(number)s") % {"number": position}


def _question_element(question: ParsedQuestion, position: int) -> ET.Element:
    if question.kind not in _MOODLE_TYPES:
        raise InvalidQuestion(
            _("Unknown question kind “%(kind)s”.") % {"kind": question.kind}
        )
    if question.prompt_format not in _MOODLE_FORMATS:
        raise InvalidQuestion(
            _("Unknown text format “%(format)s”.") % {"format": question.prompt_format}
        )
    text_format = _MOODLE_FORMATS[question.prompt_format]
    element = ET.Element("question", type=_MOODLE_TYPES[question.kind])
    _text_element(element, "name", question.name or _default_name(question, position))
    _text_element(element, "questiontext", question.prompt, format=text_format)
    _text_element(
        element, "generalfeedback", question.general_feedback, format=text_format
    )
    _sub(element, "defaultgrade", "1")
    _sub(element, "hidden", "0")
    writers = {
        "single_choice": _write_choices,
        "multiple_response": _write_choices,
        "true_false": _write_true_false,
        "short_text": _write_short_text,
        "numeric": _write_numeric,
        "matching": _write_matching,
        "ordering": _write_ordering,
    }
    writers[question.kind](element, question, text_format)
    return element


def _answer(
    parent: ET.Element,
    text: str,
    fraction: Decimal,
    feedback: str,
    text_format: str,
) -> ET.Element:
    answer = _text_element(
        parent,
        "answer",
        text,
        fraction=plain_decimal(fraction * 100),
        format=text_format,
    )
    _text_element(answer, "feedback", feedback, format=text_format)
    return answer


def _write_choices(element, question, text_format) -> None:
    single = question.kind == "single_choice"
    _sub(element, "single", "true" if single else "false")
    _sub(element, "shuffleanswers", "true")
    _sub(element, "answernumbering", "abc")
    for choice in question.choices:
        _answer(element, choice.text, choice.fraction, choice.feedback, text_format)


def _write_true_false(element, question, text_format) -> None:
    if question.correct is None:
        raise InvalidQuestion(
            _("It is not clear whether the right answer is true or false.")
        )
    # Moodle matches the answers on these (untranslated) texts.
    for text, right, feedback in (
        ("true", question.correct, question.feedback_true),
        ("false", not question.correct, question.feedback_false),
    ):
        _answer(element, text, Decimal(int(right)), feedback, "moodle_auto_format")


def _write_short_text(element, question, text_format) -> None:
    _sub(element, "usecase", "0")
    for choice in question.choices:
        _answer(
            element, choice.text, choice.fraction, choice.feedback, "moodle_auto_format"
        )


def _write_numeric(element, question, text_format) -> None:
    for number, numeric in enumerate(question.numeric_answers, start=1):
        value, tolerance = numeric.value, numeric.tolerance
        if value is None and numeric.minimum is None and numeric.maximum is None:
            text = "*"
        elif value is None:
            if numeric.minimum is None or numeric.maximum is None:
                raise InvalidQuestion(
                    _(
                        "Numerical answer %(number)s has neither a value"
                        " nor a complete range."
                    )
                    % {"number": number}
                )
            # Moodle only knows value plus or minus tolerance.
            value = (numeric.minimum + numeric.maximum) / 2
            tolerance = (numeric.maximum - numeric.minimum) / 2
            text = plain_decimal(value)
        else:
            text = plain_decimal(value)
        answer = _answer(
            element, text, numeric.fraction, numeric.feedback, "moodle_auto_format"
        )
        _sub(answer, "tolerance", plain_decimal(tolerance))


def _write_matching(element, question, text_format) -> None:
    _sub(element, "shuffleanswers", "true")
    rows = [(pair.prompt, pair.answer) for pair in question.pairs]
    rows += [("", distractor) for distractor in question.distractors]
    for prompt, answer in rows:
        subquestion = _text_element(element, "subquestion", prompt, format=text_format)
        _text_element(subquestion, "answer", answer)


def _write_ordering(element, question, text_format) -> None:
    # qtype_ordering's defaults: all items shown, graded by absolute position.
    for tag, value in (
        ("layouttype", "VERTICAL"),
        ("selecttype", "ALL"),
        ("selectcount", "0"),
        ("gradingtype", "ABSOLUTE_POSITION"),
        ("showgrading", "SHOW"),
    ):
        _sub(element, tag, value)
    # The plugin stores each item's position in its "fraction".
    for position, item in enumerate(question.items, start=1):
        _text_element(
            element, "answer", item, fraction=str(position), format=text_format
        )
