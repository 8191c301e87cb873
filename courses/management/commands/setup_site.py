from django.core.management.base import BaseCommand

from courses.services import site_root_ensure


class Command(BaseCommand):
    help = "Create the home page and the course catalogue if missing (idempotent)."

    def handle(self, *args, **options):
        home = site_root_ensure()
        self.stdout.write(f"Site root ready: {home.title} (page {home.pk}).")
