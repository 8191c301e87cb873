"""What import_gift and import_moodle_xml share: read, parse, store, report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lms.quizzes.services import QuestionImportError, questions_import


class ImportCommand(BaseCommand):
    """Import one file into a bank; all or nothing, exit non-zero on problems."""

    #: The parser: a function taking the file's bytes and returning a ParseResult.
    parse = None

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--bank", required=True, help=_("Question bank name"))

    def handle(self, *args, file: Path, bank: str, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error}
            ) from None
        result = type(self).parse(data)
        for skipped in result.skipped:
            self.stderr.write(
                _("Skipped (line %(line)d): %(message)s")
                % {"line": skipped.line, "message": skipped.message}
            )
        try:
            counts = questions_import(bank_name=bank, result=result)
        except QuestionImportError as error:
            lines = [
                _("line %(line)d: %(message)s") % {"line": p.line, "message": p.message}
                for p in error.problems
            ]
            raise CommandError(
                _("Nothing was imported:") + "\n  " + "\n  ".join(lines)
            ) from None
        total = sum(counts.values())
        self.stdout.write(
            _("Imported %(total)d questions into %(bank)s:")
            % {"total": total, "bank": bank}
        )
        for kind, count in sorted(counts.items()):
            self.stdout.write(f"  {kind}: {count}")
