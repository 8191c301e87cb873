"""import_gift, import_moodle_xml and export_bank from the command line."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lms.quizzes.formats.gift import gift_parse
from lms.quizzes.models import Question, QuestionBank

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


class TestImportCommands:
    def test_gift_file_imports_and_reports_counts_and_skips(self):
        out, err = run(
            "import_gift", str(SAMPLES / "ip_basics.gift.txt"), "--bank", "IP"
        )
        assert "Imported" in out
        assert "single_choice:" in out
        assert "Essay" in err and "Description" in err
        assert QuestionBank.objects.get(name="IP").questions.count() >= 10

    def test_moodle_xml_file_imports(self):
        out, _err = run(
            "import_moodle_xml", str(SAMPLES / "ip_basics_moodle.xml"), "--bank", "IP"
        )
        assert "ordering:" in out
        assert Question.objects.exists()

    @pytest.mark.parametrize(
        ("command", "sample"),
        [
            ("import_gift", "malformed.gift.txt"),
            ("import_moodle_xml", "broken.moodle.xml"),
            ("import_moodle_xml", "billion_laughs.moodle.xml"),
        ],
    )
    def test_malformed_file_imports_nothing_and_fails(self, command, sample):
        with pytest.raises(CommandError, match="Nothing was imported"):
            run(command, str(SAMPLES / sample), "--bank", "IP")
        assert not Question.objects.exists()

    def test_missing_file_is_reported(self):
        with pytest.raises(CommandError, match="Cannot read"):
            run("import_gift", "/no/such/file.gift", "--bank", "IP")


class TestExportCommand:
    def test_gift_export_round_trips(self):
        run("import_gift", str(SAMPLES / "ip_basics.gift.txt"), "--bank", "IP")
        exported, _err = run("export_bank", "IP", "--format", "gift")
        again = gift_parse(exported)
        assert not again.problems
        assert len(again.questions) == QuestionBank.objects.get().questions.count()

    def test_moodle_xml_export_of_every_kind(self):
        run("import_moodle_xml", str(SAMPLES / "ip_basics_moodle.xml"), "--bank", "IP")
        exported, _err = run("export_bank", "IP", "--format", "moodle_xml")
        assert exported.startswith("<?xml")
        assert 'type="ordering"' in exported

    def test_unknown_bank(self):
        with pytest.raises(CommandError, match="No question bank"):
            run("export_bank", "nope")
