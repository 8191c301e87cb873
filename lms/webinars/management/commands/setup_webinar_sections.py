from django.core.management.base import BaseCommand

from lms.webinars.services import bureau_sections_ensure


class Command(BaseCommand):
    help = (
        "Create each bureau's webinar section and its staff group if missing "
        "(idempotent)."
    )

    def handle(self, *args, **options):
        for section in bureau_sections_ensure():
            self.stdout.write(
                f"{section.title}: page {section.pk}, "
                f"group “{section.bureau.staff_group.name}”."
            )
