from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from courses.models import CourseIndexPage
from courses.packages import CoursePackageError, course_package_load, glossary_load
from courses.services import site_root_ensure

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


class Command(BaseCommand):
    help = (
        "Load course packages (YAML, see courses/content/README.md) into the catalogue."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directories",
            nargs="*",
            type=Path,
            help="Course package directories (default: all in courses/content).",
        )

    def handle(self, *args, directories, **options):
        try:
            load_course_packages(directories or None, stdout=self.stdout)
        except CoursePackageError as error:
            raise CommandError(
                _("Nothing was loaded:") + "\n  " + "\n  ".join(error.problems)
            ) from None


def load_course_packages(directories=None, *, stdout=None):
    """Load the glossary and the given (or all bundled) course packages."""
    home = site_root_ensure()
    catalogue = CourseIndexPage.objects.child_of(home).first()
    glossary = glossary_load(CONTENT_DIR / "glossary")
    if directories is None:
        directories = sorted(
            path for path in CONTENT_DIR.iterdir() if (path / "course.yaml").is_file()
        )
    for directory in directories:
        report = course_package_load(
            directory=directory, catalogue=catalogue, glossary=glossary
        )
        if stdout is not None:
            stdout.write(
                _(
                    "%(course)s: %(created)d pages created, %(updated)d updated, "
                    "%(unchanged)d unchanged"
                )
                % {
                    "course": directory.name,
                    "created": len(report.created),
                    "updated": len(report.updated),
                    "unchanged": len(report.unchanged),
                }
            )
