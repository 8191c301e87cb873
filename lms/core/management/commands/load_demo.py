from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from courses.management.commands.load_course_package import (
    CONTENT_DIR,
    load_course_packages,
)
from courses.packages import CoursePackageError
from lms.accounts.demo import demo_accounts_prepare, demo_login_instructions
from lms.certificates.demo import demo_certificates_ensure
from lms.core.demo import DEMO_PASSWORD, demo_accounts_ensure, demo_catalogue_lines
from lms.progress.demo import demo_progress_ensure
from lms.quizzes.demo import demo_quizzes_ensure
from lms.webinars.demo import demo_webinars_ensure


class Command(BaseCommand):
    help = "Load the demo catalogue and demo accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. The demo accounts share a public password.",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo creates accounts with a public password; it only runs "
                "with DEBUG on (or --force)."
            )
        try:
            load_course_packages(_demo_packages(), stdout=self.stdout)
        except CoursePackageError as error:
            raise CommandError("\n".join(error.problems)) from None
        accounts = demo_accounts_ensure()
        staff = demo_accounts_prepare([account.username for account in accounts])
        quizzes = demo_quizzes_ensure()
        progress = demo_progress_ensure()
        certificates = demo_certificates_ensure([a.username for a in accounts])
        webinars = demo_webinars_ensure()
        self.stdout.write(self.style.SUCCESS("Demo catalogue and accounts are ready."))
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<10} {account.role}")
        for line in demo_login_instructions(staff):
            self.stdout.write(line)
        self.stdout.write("Courses (each with module and final assessments):")
        for line in demo_catalogue_lines():
            self.stdout.write(line)
        self.stdout.write("Demo quizzes (first course):")
        for quiz in quizzes:
            self.stdout.write(f"  /en/quizzes/{quiz.pk}/  {quiz.title_en}")
        self.stdout.write("Demo progress (see /en/learning/ logged in as each):")
        for username, line in progress.items():
            self.stdout.write(f"  {username:<10} {line}")
        self.stdout.write("Demo certificates (anyone can verify them):")
        for certificate in certificates:
            self.stdout.write(
                f"  {certificate.user.username:<10} {certificate.public_verify_url()}"
            )
        self.stdout.write("Demo webinars (bureau staff 'bureau' runs Latin America's):")
        for webinar in webinars:
            self.stdout.write(f"  {webinar.url}  {webinar.title_en}")


def _demo_packages():
    """The course packages to install (None: every one in courses/content)."""
    names = settings.DEMO_COURSE_PACKAGES
    return None if names is None else [CONTENT_DIR / name for name in names]
