import time

from django.core.management.base import BaseCommand

from lms.webinars.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Queue the reminders due a day and an hour before webinars. Safe to run "
        "as often as you like (cron every few minutes): nobody is reminded twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running, checking every SECONDS (for a worker process).",
        )

    def handle(self, *args, every=0, **options):
        while True:
            sent = reminders_send()
            if options["verbosity"] > 1 or (sent and not every):
                self.stdout.write(f"{sent} reminder(s) queued.")
            if not every:
                return
            time.sleep(every)
