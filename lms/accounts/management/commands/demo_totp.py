from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lms.accounts.demo import demo_totp_code
from lms.core.demo import DEMO_ACCOUNTS


class Command(BaseCommand):
    help = (
        "Print the current two-factor code of a demo staff account, for logging "
        "in to the demo without an authenticator app. Runs only with DEBUG on."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="a demo staff account, such as admin")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp only runs with DEBUG on (the demo).")
        demo_usernames = {account.username for account in DEMO_ACCOUNTS}
        user = get_user_model().objects.filter(username=username).first()
        result = demo_totp_code(user) if user and username in demo_usernames else None
        if result is None:
            raise CommandError(
                f"{username!r} is not a demo staff account with the demo "
                "authenticator. Run load_demo, and use one of: "
                + ", ".join(a.username for a in DEMO_ACCOUNTS if a.group or a.superuser)
            )
        code, seconds = result
        self.stdout.write(code)
        self.stderr.write(f"valid for {seconds} more seconds")
