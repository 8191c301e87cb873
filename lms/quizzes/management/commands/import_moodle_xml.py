from lms.quizzes.formats.moodle_xml import moodle_xml_parse

from ._import import ImportCommand


class Command(ImportCommand):
    help = "Import questions from a Moodle XML file into a bank (all or nothing)."

    @staticmethod
    def parse(data: bytes):
        return moodle_xml_parse(data)
