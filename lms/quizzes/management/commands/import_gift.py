from lms.quizzes.formats.gift import gift_parse

from ._import import ImportCommand


class Command(ImportCommand):
    help = "Import questions from a GIFT file into a bank (all or nothing)."

    @staticmethod
    def parse(data: bytes):
        return gift_parse(data.decode("utf-8-sig"))
