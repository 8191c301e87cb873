from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lms.quizzes.formats.gift import gift_export
from lms.quizzes.formats.moodle_xml import moodle_xml_export
from lms.quizzes.models import QuestionBank
from lms.quizzes.services import bank_export

EXPORTERS = {"gift": gift_export, "moodle_xml": moodle_xml_export}


class Command(BaseCommand):
    help = "Write a question bank as GIFT or Moodle XML to standard output."

    def add_arguments(self, parser):
        parser.add_argument("bank")
        parser.add_argument("--format", choices=sorted(EXPORTERS), default="gift")

    def handle(self, *args, bank: str, format: str, **options):
        try:
            question_bank = QuestionBank.objects.get(name=bank)
        except QuestionBank.DoesNotExist:
            raise CommandError(
                _("No question bank is named %(bank)s.") % {"bank": bank}
            ) from None
        exported = EXPORTERS[format](bank_export(bank=question_bank))
        self.stdout.write(exported, ending="")
