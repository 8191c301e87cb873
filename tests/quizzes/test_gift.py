"""GIFT import and export: each feature of the format, each problem with its
line number, skipped question types, and export -> import round trips."""

from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

import pytest

from lms.quizzes.formats.checks import plain_decimal, question_problems
from lms.quizzes.formats.gift import (
    GiftExportError,
    gift_export,
    gift_parse,
)
from lms.quizzes.formats.schema import (
    ImportProblem,
    ParsedChoice,
    ParsedNumericAnswer,
    ParsedPair,
    ParsedQuestion,
)

SAMPLES = Path(__file__).parent / "samples"
DESCRIPTION = "Description skipped: text without answers is not a question."
ESSAY = "Essay question skipped: essays are not supported."


def read_sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def parse_one(text: str) -> ParsedQuestion:
    """The single question of a snippet, which must read without trouble."""
    result = gift_parse(text)
    assert result.problems == []
    assert result.skipped == []
    [question] = result.questions
    return question


def problems_of(text: str) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in gift_parse(text).problems]


def without_lines(questions: list[ParsedQuestion]) -> list[ParsedQuestion]:
    return [replace(question, line=0) for question in questions]


def choice(text, fraction, feedback=""):
    return ParsedChoice(text, D(fraction), feedback)


# The sample file -------------------------------------------------------------


def test_sample_reads_every_question_with_its_starting_line():
    result = gift_parse(read_sample("ip_basics.gift.txt"))

    assert result.problems == []
    assert [(q.line, q.kind, q.name) for q in result.questions] == [
        (9, "single_choice", "PCT administrator"),
        (16, "true_false", "Patent term"),
        (18, "true_false", "Trade secret publication"),
        (20, "true_false", "Novelty"),
        (22, "true_false", "Utility model"),
        (24, "multiple_response", "Patentability"),
        (31, "numeric", "PCT national phase"),
        (33, "numeric", "Paris priority"),
        (39, "numeric", "Term range"),
        (46, "single_choice", "Madrid blank"),
        (48, "single_choice", "Hague"),
        (55, "short_text", "WIPO acronym"),
        (60, "numeric", "Nice classes"),
        (62, "matching", "Match treaties"),
        (72, "single_choice", "Secret recipe"),
        (81, "short_text", "Escapes: royalties"),
    ]


def test_sample_reports_the_description_and_the_essay_as_skipped():
    result = gift_parse(read_sample("ip_basics.gift.txt"))

    assert result.skipped == [
        ImportProblem(6, DESCRIPTION),
        ImportProblem(41, ESSAY),
    ]


def test_sample_questions_in_detail():
    questions = {
        q.name: q for q in gift_parse(read_sample("ip_basics.gift.txt")).questions
    }

    assert questions["PCT administrator"] == ParsedQuestion(
        kind="single_choice",
        name="PCT administrator",
        prompt="Which organization administers the Patent Cooperation Treaty (PCT)?",
        general_feedback="The PCT was signed in Washington in 1970.",
        choices=[
            choice(
                "The European Patent Office (EPO)",
                0,
                "The EPO is a PCT receiving office, not its administrator.",
            ),
            choice(
                "The World Intellectual Property Organization (WIPO)",
                1,
                "Right: WIPO's International Bureau runs the PCT.",
            ),
            choice("The World Trade Organization (WTO)", 0),
        ],
        line=9,
    )
    assert questions["Patentability"].choices == [
        choice("Novelty", "0.3333333"),
        choice("Inventive step (non-obviousness)", "0.3333333"),
        choice("Industrial applicability", "0.3333334"),
        choice("Commercial success", -1, "Commercial success is not a requirement."),
    ]
    assert questions["Paris priority"].numeric_answers == [
        ParsedNumericAnswer(
            D(1),
            D(12),
            D(0),
            feedback="Right: 12 months for patents and utility models.",
        ),
        ParsedNumericAnswer(
            D("0.5"),
            D(6),
            D(0),
            feedback="6 months is the period for trademarks and designs.",
        ),
        ParsedNumericAnswer(D(0), feedback="It is twice the period for trademarks."),
    ]
    assert questions["Term range"].numeric_answers == [
        ParsedNumericAnswer(D(1), minimum=D(20), maximum=D(25))
    ]
    hague = questions["Hague"]
    assert hague.prompt_format == "html"
    assert hague.prompt == (
        "<p>Which treaty provides for the <b>international registration of"
        " industrial designs</b>?</p>"
    )
    assert [c.text for c in hague.choices] == [
        "<em>Hague</em> Agreement",
        "Madrid Protocol",
        "Budapest Treaty",
        "<em>Lisbon</em> Agreement",
    ]
    assert questions["Match treaties"].pairs == [
        ParsedPair("Patent Cooperation Treaty (PCT)", "inventions"),
        ParsedPair("Madrid Protocol", "trademarks"),
        ParsedPair("Hague Agreement", "industrial designs"),
    ]
    assert questions["Match treaties"].distractors == ["geographical indications"]
    assert questions["Secret recipe"].prompt == (
        "A start-up wants to keep its recipe secret\nrather than patent it.\n"
        "Which form of protection is this?"
    )
    escapes = questions["Escapes: royalties"]
    assert escapes.prompt == (
        "A licence sets the royalty = 5 # of net sales per {year}.\nWhat is it called?"
    )
    assert escapes.choices == [
        choice("running royalty", 1),
        choice("royalty ~ rate", "0.5", 'Close: "royalty ~ rate" is half right.'),
    ]


def test_sample_true_false_feedback_and_formats():
    questions = {
        q.name: q for q in gift_parse(read_sample("ip_basics.gift.txt")).questions
    }

    term = questions["Patent term"]
    assert (term.correct, term.feedback_true, term.feedback_false) == (
        True,
        "Right: 20 years from filing.",
        "No: TRIPS sets at least 20 years from filing.",
    )
    assert questions["Trade secret publication"].correct is False
    novelty = questions["Novelty"]
    assert novelty.prompt_format == "markdown"
    assert novelty.prompt.startswith("In most countries, **publishing**")
    assert novelty.general_feedback == (
        "A few countries, such as the US, have a grace period."
    )
    assert questions["Utility model"].prompt_format == "moodle"
    assert questions["Madrid blank"].prompt == (
        "The Madrid System registers a _____ in many countries with one application."
    )


# Structure: blocks, comments, categories, titles, formats ---------------------


def test_blank_lines_separate_questions_and_comments_vanish():
    text = (
        "// A comment before anything\n"
        "\n\n"
        "// Comment right above the question\n"
        "Q1 {T}\n"
        "   \n"
        "Q2\n"
        "// a comment inside a question\n"
        "{F}\n"
    )
    result = gift_parse(text)

    assert [(q.line, q.prompt, q.correct) for q in result.questions] == [
        (5, "Q1", True),
        (7, "Q2", False),
    ]


def test_categories_are_ignored_even_right_above_a_question():
    text = "$CATEGORY: $course$/top/Patents\n\n$CATEGORY: Marks\nQ {T}\n"
    result = gift_parse(text)

    assert result.problems == result.skipped == []
    assert [(q.line, q.prompt) for q in result.questions] == [(4, "Q")]


def test_windows_line_endings_and_byte_order_mark():
    result = gift_parse("\ufeff::A::Q1{T}\r\n\r\n::B::Q2\r\n{F}\r\n")

    assert [(q.line, q.name, q.prompt) for q in result.questions] == [
        (1, "A", "Q1"),
        (3, "B", "Q2"),
    ]


def test_title_is_optional():
    assert parse_one("::PCT:: Who runs the PCT? {=WIPO ~EPO}").name == "PCT"
    assert parse_one("Who runs the PCT? {=WIPO ~EPO}").name == ""


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("", "plain"),
        ("[plain]", "plain"),
        ("[html]", "html"),
        ("[markdown]", "markdown"),
        ("[moodle]", "moodle"),
    ],
)
def test_format_tags_set_the_prompt_format(tag, expected):
    question = parse_one(f"::T::{tag}Is *this* a patent?{{T}}")

    assert question.prompt_format == expected
    assert question.prompt == "Is *this* a patent?"


def test_unknown_tag_is_ordinary_text():
    question = parse_one("[Note] Trademarks can be renewed forever.{T}")

    assert (question.prompt_format, question.prompt) == (
        "plain",
        "[Note] Trademarks can be renewed forever.",
    )


def test_answer_and_feedback_format_tags_are_dropped():
    question = parse_one("[html]Q {=[html]<b>WIPO</b>#[html]<i>yes</i> ~EPO}")

    assert question.choices[0] == choice("<b>WIPO</b>", 1, "<i>yes</i>")


# Answers: where they sit ------------------------------------------------------


def test_answers_mid_sentence_leave_a_blank():
    question = parse_one("The {=PCT ~Madrid} covers patents.")

    assert question.prompt == "The _____ covers patents."


def test_answers_at_the_start_leave_a_blank():
    assert parse_one("{=WIPO ~EPO} administers the PCT.").prompt == (
        "_____ administers the PCT."
    )


def test_answers_at_the_end_leave_no_blank():
    assert parse_one("Who administers the PCT? {=WIPO ~EPO}").prompt == (
        "Who administers the PCT?"
    )


def test_multi_line_question_and_answers():
    question = parse_one(
        "::Multi::Which office\ngrants European patents?\n{\n  =EPO\n  ~EUIPO\n}"
    )

    assert question.prompt == "Which office\ngrants European patents?"
    assert [c.text for c in question.choices] == ["EPO", "EUIPO"]


# Multiple choice ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "kind", "fractions"),
    [
        ("=a ~b ~c", "single_choice", ["1", "0", "0"]),
        ("=a ~%50%b ~c", "single_choice", ["1", "0.5", "0"]),
        ("~%100%a ~b", "multiple_response", ["1", "0"]),
        ("~%50%a ~%50%b ~%-50%c", "multiple_response", ["0.5", "0.5", "-0.5"]),
        (
            "~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d",
            "multiple_response",
            ["0.3333333", "0.3333333", "0.3333333", "-1"],
        ),
        ("~ %50% a ~%50%b", "multiple_response", ["0.5", "0.5"]),
    ],
)
def test_multiple_choice_kind_and_weights(answers, kind, fractions):
    question = parse_one(f"Q {{{answers}}}")

    assert question.kind == kind
    assert [c.fraction for c in question.choices] == [D(f) for f in fractions]


def test_multiple_choice_feedback_and_general_feedback():
    question = parse_one("Q {=WIPO#Right ~EPO#Wrong office ####Seen by everyone}")

    assert question.choices == [
        choice("WIPO", 1, "Right"),
        choice("EPO", 0, "Wrong office"),
    ]
    assert question.general_feedback == "Seen by everyone"


# True/false ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "correct"),
    [("T", True), ("TRUE", True), ("F", False), ("FALSE", False), ("true", True)],
)
def test_true_false_forms(answer, correct):
    question = parse_one(f"Patents are territorial.{{{answer}}}")

    assert (question.kind, question.correct) == ("true_false", correct)


def test_true_false_first_feedback_is_for_a_wrong_answer():
    # Moodle: {TRUE#shown to those who answer wrongly#shown to those who are right}
    right_is_true = parse_one("Q {TRUE#You chose false#You chose true}")
    right_is_false = parse_one("Q {FALSE#You chose true#You chose false}")

    for question in (right_is_true, right_is_false):
        assert question.feedback_true == "You chose true"
        assert question.feedback_false == "You chose false"


def test_true_false_with_only_right_feedback_and_general_feedback():
    question = parse_one("Q {T##Well done####General}")

    assert (question.feedback_true, question.feedback_false) == ("Well done", "")
    assert question.general_feedback == "General"


# Short answer -------------------------------------------------------------------


def test_short_answer_with_weights_and_feedback():
    question = parse_one(
        "Which city gave its name to the trademark system?"
        "{=Madrid =%50%Madrid, Spain#Just the city ####The Madrid System}"
    )

    assert question.kind == "short_text"
    assert question.choices == [
        choice("Madrid", 1),
        choice("Madrid, Spain", "0.5", "Just the city"),
    ]
    assert question.general_feedback == "The Madrid System"


# Numerical ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ("#3.14:0.01", [ParsedNumericAnswer(D(1), D("3.14"), D("0.01"))]),
        ("#20", [ParsedNumericAnswer(D(1), D(20))]),
        ("#-5:0.5", [ParsedNumericAnswer(D(1), D(-5), D("0.5"))]),
        ("#1e3:10", [ParsedNumericAnswer(D(1), D(1000), D(10))]),
        ("#1..5", [ParsedNumericAnswer(D(1), minimum=D(1), maximum=D(5))]),
        ("#-5..-1", [ParsedNumericAnswer(D(1), minimum=D(-5), maximum=D(-1))]),
        (
            "# =%100%3.14:0.01 =%50%3:0.5",
            [
                ParsedNumericAnswer(D(1), D("3.14"), D("0.01")),
                ParsedNumericAnswer(D("0.5"), D(3), D("0.5")),
            ],
        ),
        ("#12:0#Right", [ParsedNumericAnswer(D(1), D(12), feedback="Right")]),
        (
            "#=12 ~#Any other number",
            [
                ParsedNumericAnswer(D(1), D(12)),
                ParsedNumericAnswer(D(0), feedback="Any other number"),
            ],
        ),
        ("#12 ~", [ParsedNumericAnswer(D(1), D(12)), ParsedNumericAnswer(D(0))]),
    ],
)
def test_numerical_forms(answers, expected):
    question = parse_one(f"How many? {{{answers}}}")

    assert question.kind == "numeric"
    assert question.numeric_answers == expected


def test_numerical_general_feedback():
    question = parse_one("Months of priority? {#12####Paris Convention, article 4}")

    assert question.general_feedback == "Paris Convention, article 4"
    assert question.numeric_answers == [ParsedNumericAnswer(D(1), D(12))]


# Matching -----------------------------------------------------------------------


def test_matching_pairs_and_distractors():
    question = parse_one(
        "Match.{=PCT -> patents =Madrid->trademarks = -> copyright ####Treaties}"
    )

    assert question.kind == "matching"
    assert question.pairs == [
        ParsedPair("PCT", "patents"),
        ParsedPair("Madrid", "trademarks"),
    ]
    assert question.distractors == ["copyright"]
    assert question.general_feedback == "Treaties"


# Escapes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("escaped", "char"),
    [
        (r"\=", "="),
        (r"\~", "~"),
        (r"\#", "#"),
        (r"\{", "{"),
        (r"\}", "}"),
        (r"\:", ":"),
        (r"\n", "\n"),
        (r"\\", "\\"),
    ],
)
def test_escapes_in_every_text(escaped, char):
    question = parse_one(
        f"::T{escaped}U::P{escaped}Q{{=A{escaped}B#F{escaped}G ~C ####G{escaped}H}}"
    )

    assert question.name == f"T{char}U"
    assert question.prompt == f"P{char}Q"
    assert question.choices[0] == choice(f"A{char}B", 1, f"F{char}G")
    assert question.general_feedback == f"G{char}H"


def test_a_backslash_before_other_characters_is_kept():
    assert parse_one(r"Is C:\temp\x a path?{T}").prompt == r"Is C:\temp\x a path?"


def test_escaped_backslash_before_a_marker_leaves_the_marker_active():
    question = parse_one(r"Q {=a\\ ~b}")

    assert [c.text for c in question.choices] == ["a\\", "b"]


# Skipped questions ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("::Essay::Explain the PCT.{}", ESSAY),
        ("::Essay::Explain the PCT.{####Mention WIPO.}", ESSAY),
        ("::Intro::This part is about trade secrets.", DESCRIPTION),
        (r"Braces \{ and \} escaped make a description", DESCRIPTION),
    ],
)
def test_essays_and_descriptions_are_skipped_with_their_line(text, message):
    result = gift_parse(f"// first\n\n{text}\n\nQ{{T}}\n")

    assert result.skipped == [ImportProblem(3, message)]
    assert result.problems == []
    assert len(result.questions) == 1


# Problems ------------------------------------------------------------------------


def test_malformed_sample_reports_every_problem_at_its_question_line():
    result = gift_parse(read_sample("malformed.gift.txt"))

    assert [(p.line, p.message) for p in result.problems] == [
        (3, "The answers are not closed with “}”."),
        (5, "None of the answers is marked right."),
        (7, "“twenty” is not a number."),
        (9, "“Madrid” has no “->”: write matching pairs as =left -> right."),
        (11, "Weight -150% is out of range: it must be between -100% and 100%."),
        (13, "“%abc%” is not a valid weight."),
        (15, "The question title is not closed with “::”."),
        (
            19,
            "Unexpected “{”: a question has a single answer block in braces;"
            " write \\{ for a literal brace.",
        ),
        (21, "“Paris” is not an answer: answers start with = or ~."),
        (23, "The right answers' weights add up to 90% instead of 100%."),
        (
            25,
            "In a numerical question, ~ may only introduce feedback for any"
            " other answer, like ~#feedback.",
        ),
        (27, "A matching question needs at least two pairs."),
        (29, "Answer 2 is empty."),
        (31, "The question text is empty."),
        (33, "None of the answers gives full marks."),
        (35, "In the range 25..20 the minimum is larger."),
        (37, "Tolerance -1 is negative."),
        (
            39,
            "Unexpected “}”: a question has a single answer block in braces;"
            " write \\} for a literal brace.",
        ),
    ]
    # The one good question still comes through.
    assert [(q.line, q.name) for q in result.questions] == [(17, "Valid")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Q {=a {b} ~c}", "Unexpected “{”"),
        ("Q {=a} and {=b}", "Unexpected “{”"),
        ("Q {=a} and }", "Unexpected “}”"),
        ("Q {~a}", "A choice question needs at least two answers."),
        ("Q {=a ~%150%b}", "Weight 150% is out of range"),
        ("Q {=%150%a}", "Weight 150% is out of range: it must be between 0% and"),
        ("Q {=%-50%a =b}", "Weight -50% is out of range"),
        ("Q {#3,14}", "“3,14” is not a number."),
        ("Q {#3.14:abc}", "“abc” is not a number."),
        ("Q {#nan}", "“nan” is not a number."),
        ("Q {#1..x}", "“x” is not a number."),
        ("Q {#~#only feedback}", "The question has no answers."),
        ("Q {#=%50%3}", "None of the answers gives full marks."),
        ("Q {=a -> b =c -> }", "Matching pair “c -> ” is incomplete."),
        ("Q {=a -> b =c -> d = -> }", "Matching pair “ -> ” is incomplete."),
        ("Q {=%50%a ~b}", "None of the answers gives full marks."),
    ],
)
def test_problem_messages(text, message):
    problems = problems_of(f"// leading comment\n{text}")

    assert problems
    assert all(line == 2 for line, _message in problems)
    assert any(m.startswith(message) for _line, m in problems), problems


def test_a_question_can_have_several_problems():
    assert problems_of("{~a ~}") == [
        (1, "The question text is empty."),
        (1, "Answer 2 is empty."),
        (1, "None of the answers is marked right."),
    ]


def test_question_problems_for_kinds_gift_cannot_produce():
    assert question_problems(ParsedQuestion("essay", "Q")) == [
        "Unknown question kind “essay”."
    ]
    assert question_problems(
        ParsedQuestion("true_false", "Q", prompt_format="rtf")
    ) == [
        "Unknown text format “rtf”.",
        "It is not clear whether the right answer is true or false.",
    ]
    assert question_problems(ParsedQuestion("ordering", "Q", items=["a", " "])) == [
        "Item 2 is empty."
    ]
    assert question_problems(ParsedQuestion("ordering", "Q", items=["a"])) == [
        "An ordering question needs at least two items."
    ]
    half_range = ParsedNumericAnswer(D(1), minimum=D(1))
    assert question_problems(
        ParsedQuestion("numeric", "Q", numeric_answers=[half_range])
    ) == ["Numerical answer 1 has neither a value nor a complete range."]


@pytest.mark.parametrize(
    ("number", "text"),
    [(D("1E+2"), "100"), (D("0.3333300"), "0.33333"), (D("-0"), "0"), (D(5), "5")],
)
def test_plain_decimal(number, text):
    assert plain_decimal(number) == text


# Export ---------------------------------------------------------------------------


def q(kind, prompt="Which office grants European patents?", **fields):
    return ParsedQuestion(kind=kind, prompt=prompt, **fields)


ROUND_TRIPS = {
    "single choice": q(
        "single_choice",
        name="EPO",
        general_feedback="The EPO sits in Munich.",
        choices=[choice("EPO", 1, "Right"), choice("EUIPO", 0, "Trademarks")],
    ),
    "single choice with partial credit": q(
        "single_choice",
        choices=[choice("EPO", 1), choice("EPO Munich", "0.5"), choice("WIPO", 0)],
    ),
    "multiple response": q(
        "multiple_response",
        prompt="Which are IP rights?",
        choices=[
            choice("Patent", "0.3333333"),
            choice("Trademark", "0.3333333"),
            choice("Design", "0.3333334"),
            choice("Contract", -1, "No"),
        ],
    ),
    "true, with both feedbacks": q(
        "true_false",
        correct=True,
        feedback_true="right",
        feedback_false="wrong",
        general_feedback="General",
    ),
    "false, right feedback only": q(
        "true_false", correct=False, feedback_false="right"
    ),
    "true, wrong feedback only": q("true_false", correct=True, feedback_false="wrong"),
    "false, no feedback": q("true_false", correct=False),
    "short answer": q(
        "short_text",
        choices=[choice("EPO", 1), choice("European Patent Office", "0.5", "Close")],
        general_feedback="Munich",
    ),
    "numerical": q(
        "numeric",
        numeric_answers=[
            ParsedNumericAnswer(D(1), D("3.14"), D("0.01"), feedback="Pi"),
            ParsedNumericAnswer(D("0.5"), D(-3), D("0.5")),
            ParsedNumericAnswer(D("0.25"), D(1000), D(0)),
            ParsedNumericAnswer(D("0.1"), minimum=D("-2.5"), maximum=D(7)),
            ParsedNumericAnswer(D(0), feedback="Any other number"),
        ],
        general_feedback="General",
    ),
    "numerical catch-all without feedback": q(
        "numeric",
        numeric_answers=[ParsedNumericAnswer(D(1), D(12)), ParsedNumericAnswer(D(0))],
    ),
    "matching": q(
        "matching",
        pairs=[ParsedPair("PCT", "patents"), ParsedPair("Madrid", "marks -> brands")],
        distractors=["copyright", "plant varieties"],
        general_feedback="Treaties",
    ),
    "every special character": q(
        "short_text",
        name="a=b~c#d{e}f:g\\h\ni::j",
        prompt="a=b~c#d{e}f:g\\h\nline 2 \\n not a newline\n\nafter a blank line",
        choices=[choice("x=y~z#{}:\\\ny", 1, "f=b~#{}:\\\ng")],
        general_feedback="#### = ~ { } : \\ \n end",
    ),
    "html prompt": q(
        "single_choice",
        prompt="<p>Which <b>office</b>?</p>",
        prompt_format="html",
        choices=[choice("<i>EPO</i>", 1), choice("WIPO", 0)],
    ),
    "markdown prompt": q(
        "true_false",
        prompt="Is **this** patentable?",
        prompt_format="markdown",
        correct=False,
    ),
    "moodle prompt": q("true_false", prompt_format="moodle", correct=True),
    "texts that look like a tag, a weight or a comment": q(
        "single_choice",
        prompt="[html] is not a format here",
        choices=[
            choice("%50% discount", 1, "[plain] feedback"),
            choice("[markdown] choice", 0),
            choice("// not a comment", "0.5"),
        ],
        general_feedback="[moodle] general",
    ),
    "prompt starting like a comment": q(
        "true_false", prompt="// C++ comment", correct=True
    ),
    "prompt starting like a category": q(
        "true_false", prompt="$CATEGORY: not a category", correct=True
    ),
    "blank mid-sentence": q(
        "single_choice",
        prompt="The _____ covers patents.",
        choices=[choice("PCT", 1), choice("Madrid System", 0)],
    ),
    "blank at the start": q(
        "short_text", prompt="_____ runs the PCT.", choices=[choice("WIPO", 1)]
    ),
    "blank at the end": q(
        "short_text", prompt="The PCT is run by _____", choices=[choice("WIPO", 1)]
    ),
    "two blanks": q(
        "short_text", prompt="_____ and _____ are offices.", choices=[choice("x", 1)]
    ),
    "long underline": q(
        "short_text", prompt="The _______ treaty.", choices=[choice("PCT", 1)]
    ),
}


@pytest.mark.parametrize("question", ROUND_TRIPS.values(), ids=ROUND_TRIPS.keys())
def test_export_then_parse_gives_the_same_question(question):
    text = gift_export([question])
    result = gift_parse(text)

    assert result.problems == [], text
    assert result.skipped == [], text
    assert without_lines(result.questions) == [question], text


def test_whole_sample_round_trips():
    questions = gift_parse(read_sample("ip_basics.gift.txt")).questions
    text = gift_export(questions)

    assert without_lines(gift_parse(text).questions) == without_lines(questions)


def test_export_looks_like_moodle_gift():
    text = gift_export(
        [
            ROUND_TRIPS["single choice"],
            q("true_false", prompt="Patents are territorial.", correct=True),
            q(
                "numeric",
                prompt="Months of priority?",
                numeric_answers=[ParsedNumericAnswer(D(1), D(12))],
            ),
        ]
    )

    assert text == (
        "::EPO::Which office grants European patents?{\n"
        "\t=EPO#Right\n"
        "\t~EUIPO#Trademarks\n"
        "\t####The EPO sits in Munich.\n"
        "}\n"
        "\n"
        "Patents are territorial.{TRUE}\n"
        "\n"
        "Months of priority?{#\n"
        "\t=%100%12:0\n"
        "}\n"
    )


def test_export_of_nothing_is_empty():
    assert gift_export([]) == ""


def test_catch_all_answer_is_written_last():
    question = q(
        "numeric",
        numeric_answers=[
            ParsedNumericAnswer(D(0), feedback="Other"),
            ParsedNumericAnswer(D(1), D(12)),
        ],
    )

    [back] = gift_parse(gift_export([question])).questions
    assert back.numeric_answers == question.numeric_answers[::-1]


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (
            q("ordering", items=["File", "Search", "Publish"]),
            "GIFT has no ordering questions; this one cannot be written.",
        ),
        (
            q("short_text", choices=[choice("a -> b", 1)]),
            "GIFT cannot express “->” in this question's answers.",
        ),
        (
            q("short_text", choices=[choice("a~b -> c", 1)]),
            "GIFT cannot express “->” in this question's answers.",
        ),
        (
            q("short_text", choices=[choice("a", 1, "see -> there")]),
            "GIFT cannot express “->” in this question's answers.",
        ),
        (
            q("single_choice", choices=[choice("a -> b", 1), choice("c", 1)]),
            "GIFT cannot express “->” in this question's answers.",
        ),
        (
            q("matching", pairs=[ParsedPair("a -> b", "c"), ParsedPair("d", "e")]),
            "GIFT cannot express “->” in this question's answers.",
        ),
        (
            q("single_choice", choices=[choice("a", "0.5"), choice("b", 0)]),
            "None of the answers gives full marks.",
        ),
        (
            q("true_false"),
            "It is not clear whether the right answer is true or false.",
        ),
        (
            q(
                "numeric",
                numeric_answers=[
                    ParsedNumericAnswer(D(1), D(1)),
                    ParsedNumericAnswer(D(0), feedback="a"),
                    ParsedNumericAnswer(D(0), feedback="b"),
                ],
            ),
            "GIFT allows only one answer for any other number, and it is worth"
            " nothing.",
        ),
        (
            q(
                "numeric",
                numeric_answers=[
                    ParsedNumericAnswer(D(1), D(1)),
                    ParsedNumericAnswer(D("0.5")),
                ],
            ),
            "GIFT allows only one answer for any other number, and it is worth"
            " nothing.",
        ),
        (
            q("numeric", numeric_answers=[ParsedNumericAnswer(D(1), maximum=D(1))]),
            "Numerical answer 1 has neither a value nor a complete range.",
        ),
        (q("essay"), "Unknown question kind “essay”."),
        (
            q("true_false", correct=True, prompt_format="rtf"),
            "Unknown text format “rtf”.",
        ),
    ],
)
def test_unexportable_questions_raise_with_their_position(question, message):
    good = ROUND_TRIPS["single choice"]

    with pytest.raises(GiftExportError) as raised:
        gift_export([good, question, good])

    assert raised.value.problems == [ImportProblem(2, message)]
    assert str(raised.value) == f"2: {message}"


def test_export_error_lists_every_unexportable_question():
    ordering = q("ordering", items=["a", "b"])

    with pytest.raises(GiftExportError) as raised:
        gift_export([ordering, ROUND_TRIPS["matching"], ordering])

    assert [problem.line for problem in raised.value.problems] == [1, 3]
    assert isinstance(raised.value, ValueError)
