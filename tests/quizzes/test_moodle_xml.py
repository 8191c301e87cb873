"""Moodle XML import and export: each supported question type, skipped types,
problems with their question numbers, refusal of DTDs (entity bombs, external
entities), and export -> import round trips."""

import time
import xml.etree.ElementTree as ET
from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

import pytest

from lms.quizzes.formats.gift import gift_parse
from lms.quizzes.formats.moodle_xml import (
    MoodleXmlExportError,
    moodle_xml_export,
    moodle_xml_parse,
)
from lms.quizzes.formats.schema import (
    ImportProblem,
    ParsedChoice,
    ParsedNumericAnswer,
    ParsedPair,
    ParsedQuestion,
)

SAMPLES = Path(__file__).parent / "samples"
REFUSED = (
    "The file declares a document type (<!DOCTYPE> or <!ENTITY>), which is"
    " refused for security reasons."
)


def read_sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def quiz(*questions: str) -> str:
    return "<quiz>" + "".join(questions) + "</quiz>"


def question_xml(qtype: str, body: str, prompt: str = "Q") -> str:
    return (
        f'<question type="{qtype}"><name><text>N</text></name>'
        f"<questiontext><text>{prompt}</text></questiontext>{body}</question>"
    )


def parse_one(data: str | bytes) -> ParsedQuestion:
    result = moodle_xml_parse(data)
    assert result.problems == []
    assert result.skipped == []
    [question] = result.questions
    return question


def choice(text, fraction, feedback=""):
    return ParsedChoice(text, D(fraction), feedback)


def without_lines(questions: list[ParsedQuestion]) -> list[ParsedQuestion]:
    return [replace(question, line=0) for question in questions]


# The sample export -------------------------------------------------------------


def test_sample_reads_every_supported_question_with_its_element_number():
    result = moodle_xml_parse(read_sample("ip_basics_moodle.xml"))

    assert result.problems == []
    # Element 1 is the category, which is not a question.
    assert [(q.line, q.kind, q.name) for q in result.questions] == [
        (2, "single_choice", "PCT administrator"),
        (3, "multiple_response", "Patentability requirements"),
        (4, "true_false", "Trade secret publication"),
        (5, "short_text", "WIPO acronym"),
        (6, "numeric", "Paris priority"),
        (7, "matching", "Match treaties"),
        (8, "ordering", "PCT steps"),
        (12, "single_choice", "Hague designs"),
    ]


def test_sample_skips_unsupported_types_naming_them():
    result = moodle_xml_parse(read_sample("ip_basics_moodle.xml"))

    assert result.skipped == [
        ImportProblem(
            9, "Question type “essay” is not supported; the question was skipped."
        ),
        ImportProblem(
            10,
            "Question type “description” is not supported; the question was skipped.",
        ),
        ImportProblem(
            11, "Question type “cloze” is not supported; the question was skipped."
        ),
    ]


def test_sample_questions_in_detail():
    questions = {
        q.name: q
        for q in moodle_xml_parse(read_sample("ip_basics_moodle.xml")).questions
    }

    assert questions["PCT administrator"] == ParsedQuestion(
        kind="single_choice",
        name="PCT administrator",
        prompt=(
            "<p>Which organization administers the <strong>Patent Cooperation"
            " Treaty</strong> (PCT)?</p>"
        ),
        prompt_format="html",
        general_feedback="<p>The PCT was signed in Washington in 1970.</p>",
        choices=[
            choice(
                "<p>The European Patent Office (EPO)</p>",
                0,
                "<p>The EPO is a receiving office, not the administrator.</p>",
            ),
            choice("<p>The World Intellectual Property Organization (WIPO)</p>", 1),
            choice("<p>The World Trade Organization (WTO)</p>", 0),
        ],
        line=2,
    )
    patentability = questions["Patentability requirements"]
    assert patentability.prompt_format == "moodle"
    assert [c.fraction for c in patentability.choices] == [
        D("0.3333333"),
        D("0.3333333"),
        D("0.3333333"),
        D(-1),
    ]
    secret = questions["Trade secret publication"]
    assert secret.prompt_format == "plain"
    assert (secret.correct, secret.feedback_true, secret.feedback_false) == (
        False,
        "No: publication ends the secret.",
        "Right.",
    )
    wipo = questions["WIPO acronym"]
    assert wipo.prompt_format == "markdown"
    assert wipo.choices == [
        choice("World Intellectual Property Organization", 1),
        choice(
            "World Intellectual Property Organisation",
            "0.5",
            "WIPO spells it with a z.",
        ),
    ]
    assert questions["Paris priority"].numeric_answers == [
        ParsedNumericAnswer(D(1), D(12), D(0), feedback="Right."),
        ParsedNumericAnswer(
            D("0.5"), D(6), D("0.5"), feedback="That is the period for trademarks."
        ),
        ParsedNumericAnswer(D(0), feedback="Twice the period for trademarks."),
    ]
    match = questions["Match treaties"]
    assert match.pairs == [
        ParsedPair("<p>Patent Cooperation Treaty</p>", "inventions"),
        ParsedPair("<p>Madrid Protocol</p>", "trademarks"),
        ParsedPair("<p>Hague Agreement</p>", "industrial designs"),
    ]
    assert match.distractors == ["geographical indications"]
    assert questions["PCT steps"].items == [
        "International filing",
        "International search report",
        "International publication",
        "National phase",
    ]
    # No format attribute, no <single>, no feedback: Moodle's defaults.
    hague = questions["Hague designs"]
    assert (hague.kind, hague.prompt_format) == ("single_choice", "html")
    assert hague.prompt == "Which treaty covers <em>industrial designs</em>?"
    assert hague.choices == [
        choice("Hague Agreement", 1),
        choice("Madrid Protocol", 0, "That one is for trademarks."),
    ]


# Features ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attribute", "expected"),
    [
        ('format="html"', "html"),
        ('format="moodle_auto_format"', "moodle"),
        ('format="plain_text"', "plain"),
        ('format="markdown"', "markdown"),
        ("", "html"),
        ('format="wiki_like"', "html"),
    ],
)
def test_question_text_formats(attribute, expected):
    question = parse_one(
        quiz(
            f'<question type="truefalse"><questiontext {attribute}><text>Q</text>'
            '</questiontext><answer fraction="100"><text>true</text></answer>'
            '<answer fraction="0"><text>false</text></answer></question>'
        )
    )

    assert question.prompt_format == expected


@pytest.mark.parametrize(
    ("single", "kind"),
    [
        ("<single>true</single>", "single_choice"),
        ("<single>1</single>", "single_choice"),
        ("", "single_choice"),
        ("<single>false</single>", "multiple_response"),
        ("<single>0</single>", "multiple_response"),
        ("<single></single>", "multiple_response"),
    ],
)
def test_multichoice_single_flag(single, kind):
    body = (
        single + '<answer fraction="100"><text>a</text></answer>'
        '<answer fraction="0"><text>b</text></answer>'
    )

    assert parse_one(quiz(question_xml("multichoice", body))).kind == kind


@pytest.mark.parametrize(
    ("answers", "correct", "feedback_true", "feedback_false"),
    [
        (
            '<answer fraction="100"><text>true</text><feedback><text>T</text>'
            '</feedback></answer><answer fraction="0"><text>false</text>'
            "<feedback><text>F</text></feedback></answer>",
            True,
            "T",
            "F",
        ),
        # Answers in the other order, matched on their texts.
        (
            '<answer fraction="100"><text>false</text></answer>'
            '<answer fraction="0"><text>true</text></answer>',
            False,
            "",
            "",
        ),
        # Very old, localised exports: first answer true, second false.
        (
            '<answer fraction="0"><text>Vrai</text></answer>'
            '<answer fraction="100"><text>Faux</text></answer>',
            False,
            "",
            "",
        ),
    ],
)
def test_true_false(answers, correct, feedback_true, feedback_false):
    question = parse_one(quiz(question_xml("truefalse", answers)))

    assert (question.correct, question.feedback_true, question.feedback_false) == (
        correct,
        feedback_true,
        feedback_false,
    )


def test_numerical_answers_old_style_and_catch_all():
    body = (
        '<answer fraction="100">12<tolerance>0.5</tolerance></answer>'
        '<answer fraction="50"><text>1e1</text><tolerance></tolerance></answer>'
        '<answer fraction="0"><text>*</text><feedback><text>No</text></feedback>'
        "</answer>"
    )

    assert parse_one(quiz(question_xml("numerical", body))).numeric_answers == [
        ParsedNumericAnswer(D(1), D(12), D("0.5")),
        ParsedNumericAnswer(D("0.5"), D(10)),
        ParsedNumericAnswer(D(0), feedback="No"),
    ]


def test_matching_blank_rows_are_left_out():
    rows = "".join(
        f"<subquestion><text>{left}</text><answer><text>{right}</text></answer>"
        "</subquestion>"
        for left, right in [("PCT", "patents"), ("", ""), ("Madrid", "marks")]
    )
    question = parse_one(quiz(question_xml("matching", rows)))

    assert question.pairs == [
        ParsedPair("PCT", "patents"),
        ParsedPair("Madrid", "marks"),
    ]
    assert question.distractors == []


def test_ordering_follows_the_file_order():
    body = "".join(
        f'<answer fraction="{n}"><text>{text}</text></answer>'
        for n, text in [(3, "Filing"), (2, "Search"), (1, "Publication")]
    )

    assert parse_one(quiz(question_xml("ordering", body))).items == [
        "Filing",
        "Search",
        "Publication",
    ]


def test_texts_are_trimmed_and_entities_decoded():
    body = '<answer fraction="100"><text>\n  R&amp;D  </text></answer>'
    question = parse_one(quiz(question_xml("shortanswer", body, prompt="  A &lt; B ")))

    assert question.prompt == "A < B"
    assert question.choices == [choice("R&D", 1)]


def test_text_input_with_a_declared_encoding():
    data = '<?xml version="1.0" encoding="ISO-8859-1"?>' + quiz(
        question_xml(
            "shortanswer", '<answer fraction="100"><text>Société</text></answer>'
        )
    )

    assert parse_one(data).choices == [choice("Société", 1)]


def test_utf16_bytes():
    data = quiz(
        question_xml("shortanswer", '<answer fraction="100"><text>Café</text></answer>')
    ).encode("utf-16")

    assert parse_one(data).choices == [choice("Café", 1)]


@pytest.mark.parametrize(
    "qtype",
    [
        "essay",
        "description",
        "cloze",
        "multianswer",
        "calculated",
        "calculatedsimple",
        "calculatedmulti",
        "ddwtos",
        "gapselect",
        "random",
        "randomsamatch",
    ],
)
def test_unsupported_types_are_skipped(qtype):
    result = moodle_xml_parse(
        quiz(question_xml("truefalse", ""), question_xml(qtype, ""))
    )

    assert result.skipped == [
        ImportProblem(
            2,
            f"Question type “{qtype}” is not supported; the question was skipped.",
        )
    ]


# Problems and refusals ----------------------------------------------------------


def test_invalid_questions_are_reported_with_their_element_number():
    result = moodle_xml_parse(read_sample("invalid_questions.moodle.xml"))

    assert [(p.line, p.message) for p in result.problems] == [
        (2, "“a lot” is not a number."),
        (3, "It is not clear whether the right answer is true or false."),
        (4, "None of the answers is marked right."),
        (5, "This <question> element has no type attribute."),
        (6, "A matching question needs at least two pairs."),
        (7, "“one” is not a number."),
        (8, "An ordering question needs at least two items."),
        (9, "The right answers' weights add up to 200% instead of 100%."),
    ]
    assert [(q.line, q.name) for q in result.questions] == [(10, "Valid")]
    assert [p.line for p in result.skipped] == [11]


def test_not_well_formed_file_gives_one_problem_at_the_parser_line():
    result = moodle_xml_parse(read_sample("broken.moodle.xml"))

    assert result.problems == [
        ImportProblem(9, "The file is not well-formed XML: mismatched tag.")
    ]
    assert result.questions == result.skipped == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is not well-formed XML: no element found."),
        (b"IP Campus", "The file is not well-formed XML: syntax error."),
        (b"<quiz>&nbsp;</quiz>", "The file is not well-formed XML: undefined entity."),
    ],
)
def test_other_unreadable_files(data, message):
    assert moodle_xml_parse(data).problems == [ImportProblem(1, message)]


def test_wrong_root_element():
    assert moodle_xml_parse("<html><body/></html>").problems == [
        ImportProblem(
            1,
            "This is not a Moodle XML question file: its root element is <html>"
            " instead of <quiz>.",
        )
    ]


def test_billion_laughs_is_refused_without_expanding_anything():
    started = time.monotonic()
    result = moodle_xml_parse(read_sample("billion_laughs.moodle.xml"))

    assert time.monotonic() - started < 1
    assert result.problems == [ImportProblem(2, REFUSED)]
    assert result.questions == result.skipped == []


def test_external_entity_is_refused():
    result = moodle_xml_parse(read_sample("external_entity.moodle.xml"))

    assert result.problems == [ImportProblem(2, REFUSED)]
    assert result.questions == []


@pytest.mark.parametrize(
    "data",
    [
        "<!DOCTYPE quiz><quiz/>",
        '<!DOCTYPE quiz SYSTEM "http://example.com/quiz.dtd"><quiz/>',
        '<!DOCTYPE quiz [<!ENTITY % p SYSTEM "http://example.com/p.dtd"> %p;]><quiz/>',
        (
            '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE quiz [<!ENTITY a "b">]>'
            "<quiz>&a;</quiz>"
        ).encode("utf-16"),
    ],
    ids=["bare", "external DTD", "parameter entity", "UTF-16"],
)
def test_any_document_type_declaration_is_refused(data):
    assert moodle_xml_parse(data).problems == [ImportProblem(1, REFUSED)]


# Export -----------------------------------------------------------------------------


def q(kind, prompt="Which office grants European patents?", **fields):
    return ParsedQuestion(kind=kind, prompt=prompt, name="Question name", **fields)


ROUND_TRIPS = {
    "single choice": q(
        "single_choice",
        prompt="<p>Which <b>office</b>?</p>",
        prompt_format="html",
        general_feedback="<p>Munich</p>",
        choices=[choice("<p>EPO</p>", 1, "Right"), choice("EUIPO", "0.1", "No")],
    ),
    "multiple response": q(
        "multiple_response",
        prompt_format="markdown",
        choices=[
            choice("Patent", "0.3333333"),
            choice("Trademark", "0.3333333"),
            choice("Design", "0.3333334"),
            choice("Contract", -1, "No"),
        ],
    ),
    "true": q("true_false", correct=True, feedback_true="yes", feedback_false="no"),
    "false": q("true_false", correct=False, prompt_format="moodle"),
    "short answer": q(
        "short_text",
        choices=[choice("EPO", 1), choice("European Patent Office", "0.5", "Close")],
    ),
    "numerical": q(
        "numeric",
        numeric_answers=[
            ParsedNumericAnswer(D(1), D("3.14"), D("0.01"), feedback="Pi"),
            ParsedNumericAnswer(D(0), feedback="Other"),
            ParsedNumericAnswer(D("0.5"), D(-3000), D(0)),
        ],
    ),
    "matching": q(
        "matching",
        pairs=[ParsedPair("PCT", "patents"), ParsedPair("Madrid", "marks")],
        distractors=["copyright"],
    ),
    "ordering": q(
        "ordering",
        items=["International filing", "Search report", "Publication", "National"],
        general_feedback="Thirty months in all.",
    ),
    "special characters": q(
        "short_text",
        prompt="A < B & C > D ]]> \"quoted\" 'single' é ✓\nsecond line",
        choices=[choice("<tag> & ]]>", 1, "&amp; stays &amp;")],
    ),
}


@pytest.mark.parametrize("question", ROUND_TRIPS.values(), ids=ROUND_TRIPS.keys())
def test_export_then_parse_gives_the_same_question(question):
    text = moodle_xml_export([question])
    result = moodle_xml_parse(text)

    assert result.problems == result.skipped == [], text
    assert without_lines(result.questions) == [question], text


def test_whole_sample_round_trips():
    questions = moodle_xml_parse(read_sample("ip_basics_moodle.xml")).questions
    back = moodle_xml_parse(moodle_xml_export(questions)).questions

    assert without_lines(back) == without_lines(questions)


def test_gift_sample_through_moodle_xml():
    """Everything GIFT holds survives, but for the two documented changes:
    ranges become value plus or minus tolerance, names are made up if empty."""
    questions = gift_parse(
        (SAMPLES / "ip_basics.gift.txt").read_text(encoding="utf-8")
    ).questions
    back = moodle_xml_parse(moodle_xml_export(questions)).questions

    [term_range] = [q for q in back if q.name == "Term range"]
    assert term_range.numeric_answers == [
        ParsedNumericAnswer(D(1), D("22.5"), D("2.5"))
    ]
    assert without_lines([q for q in back if q.name != "Term range"]) == (
        without_lines([q for q in questions if q.name != "Term range"])
    )


def test_export_is_a_moodle_quiz_document():
    text = moodle_xml_export(list(ROUND_TRIPS.values()))

    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n')
    root = ET.fromstring(text.encode())  # noqa: S314 - our own output
    assert [e.get("type") for e in root] == [
        "multichoice",
        "multichoice",
        "truefalse",
        "truefalse",
        "shortanswer",
        "numerical",
        "matching",
        "ordering",
        "shortanswer",
    ]
    assert [e.findtext("single") for e in root[:2]] == ["true", "false"]
    single = root[0]
    assert single.find("questiontext").get("format") == "html"
    assert [a.get("fraction") for a in single.iter("answer")] == ["100", "10"]
    ordering = root[7]
    assert [a.get("fraction") for a in ordering.iter("answer")] == ["1", "2", "3", "4"]
    assert ordering.findtext("gradingtype") == "ABSOLUTE_POSITION"
    numerical = root[5]
    assert [a.findtext("text") for a in numerical.iter("answer")] == [
        "3.14",
        "*",
        "-3000",
    ]
    assert [a.findtext("tolerance") for a in numerical.iter("answer")] == [
        "0.01",
        "0",
        "0",
    ]


def test_range_is_written_as_value_and_tolerance():
    question = q(
        "numeric",
        numeric_answers=[ParsedNumericAnswer(D(1), minimum=D(20), maximum=D(25))],
    )

    [back] = moodle_xml_parse(moodle_xml_export([question])).questions
    assert back.numeric_answers == [ParsedNumericAnswer(D(1), D("22.5"), D("2.5"))]


@pytest.mark.parametrize(
    ("prompt", "name"),
    [
        ("<p>Who runs the <b>PCT</b>?</p>", "Who runs the PCT ?"),
        ("x" * 80, "x" * 59 + "…"),
        ("<p></p>", "Question 1"),
    ],
)
def test_questions_without_a_name_get_one(prompt, name):
    question = ParsedQuestion(kind="true_false", prompt=prompt, correct=True)

    root = ET.fromstring(moodle_xml_export([question]))  # noqa: S314 - our own output
    assert root.find("question/name/text").text == name


def test_characters_xml_cannot_hold_are_dropped():
    question = q("true_false", prompt="Bell\x07 and form feed\x0c", correct=True)

    [back] = moodle_xml_parse(moodle_xml_export([question])).questions
    assert back.prompt == "Bell and form feed"


def test_export_of_nothing_is_an_empty_quiz():
    assert moodle_xml_parse(moodle_xml_export([])) == moodle_xml_parse("<quiz/>")


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (q("essay"), "Unknown question kind “essay”."),
        (
            q("true_false", correct=True, prompt_format="rtf"),
            "Unknown text format “rtf”.",
        ),
        (q("true_false"), "It is not clear whether the right answer is true or false."),
        (
            q("numeric", numeric_answers=[ParsedNumericAnswer(D(1), minimum=D(1))]),
            "Numerical answer 1 has neither a value nor a complete range.",
        ),
    ],
)
def test_unexportable_questions_raise_with_their_position(question, message):
    with pytest.raises(MoodleXmlExportError) as raised:
        moodle_xml_export([ROUND_TRIPS["true"], question])

    assert raised.value.problems == [ImportProblem(2, message)]
    assert isinstance(raised.value, ValueError)
