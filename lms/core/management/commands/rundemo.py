import os
import signal
import subprocess
import sys

from django.core.management.base import BaseCommand

from lms.accounts.demo import DEMO_TOTP_SECRET
from lms.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Serve the demo with its background task worker; Ctrl+C stops both."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        url = f"http://{addrport}"
        staff = ", ".join(a.username for a in DEMO_ACCOUNTS if a.role != "Learner")
        learners = ", ".join(a.username for a in DEMO_ACCOUNTS if a.role == "Learner")
        self.stdout.write(
            "\n".join(
                [
                    "",
                    self.style.SUCCESS(f"IP Campus is starting on {url}/"),
                    f"  Site (English):  {url}/en/      Arabic: {url}/ar/",
                    f"  Admin:           {url}/admin/",
                    f"  Log in as:       {staff} (staff) or {learners} (learners)",
                    f"  Password:        {DEMO_PASSWORD}",
                    "  Staff 2FA code:  python manage.py demo_totp <username>",
                    f"                   (or add {DEMO_TOTP_SECRET} to an app)",
                    "  Emails sent by the platform are printed in this terminal.",
                    "  Ctrl+C stops the server, the task worker and the reminders.",
                    "",
                ]
            )
        )
        manage = [sys.executable, "manage.py"]
        # Links in emails (verification, password reset) point at this server.
        env = {**os.environ, "SITE_BASE_URL": os.environ.get("SITE_BASE_URL", url)}
        worker = subprocess.Popen(  # noqa: S603
            [*manage, "db_worker", "--queue-name", "*", "--interval", "1"], env=env
        )
        # Webinar reminders, as cron would send them in production.
        reminders = subprocess.Popen(  # noqa: S603
            [*manage, "send_webinar_reminders", "--every", "60"], env=env
        )
        server = subprocess.Popen(  # noqa: S603
            [*manage, "runserver", addrport, "--skip-checks"], env=env
        )
        try:
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for process in (server, worker, reminders):
                if process.poll() is None:
                    process.send_signal(signal.SIGINT)
            for process in (server, worker, reminders):
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
