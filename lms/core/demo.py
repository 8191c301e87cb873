"""The demo accounts `load_demo` creates, one per role, all with one password."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

DEMO_PASSWORD = "campus-demo"  # noqa: S105 - demo only; load_demo refuses production


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: str
    group: str | None = None
    superuser: bool = False

    @property
    def email(self) -> str:
        return f"{self.username}@example.org"


DEMO_ACCOUNTS = [
    DemoAccount("admin", "Ada", "Admin", "Administrator", superuser=True),
    DemoAccount("trainer", "Thomas", "Mensah", "Trainer", group="Trainers"),
    DemoAccount("reviewer", "Rania", "Haddad", "Reviewer", group="Reviewers"),
    DemoAccount("bureau", "Beatriz", "Lopez", "Bureau staff", group="Bureau staff"),
    DemoAccount("amina", "Amina", "Diallo", "Learner"),
    DemoAccount("wei", "Wei", "Zhang", "Learner"),
    DemoAccount("youssef", "Youssef", "El Amrani", "Learner"),
]


@transaction.atomic
def demo_accounts_ensure() -> list[DemoAccount]:
    """Create or reset the demo accounts; safe to run any number of times."""
    User = get_user_model()
    for account in DEMO_ACCOUNTS:
        user, _created = User.objects.get_or_create(username=account.username)
        user.first_name = account.first_name
        user.last_name = account.last_name
        user.email = account.email
        user.is_superuser = user.is_staff = account.superuser
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        if account.group:
            user.groups.set([Group.objects.get(name=account.group)])
    return DEMO_ACCOUNTS


def demo_catalogue_lines() -> list[str]:
    """A line per course: its English address and the languages it is complete in."""
    from django.conf import settings
    from django.utils import translation

    from courses.models import CoursePage

    codes = [code for code, _name in settings.LANGUAGES]
    lines = []
    with translation.override("en"):
        for course in CoursePage.objects.live().order_by("path"):
            languages = [c for c in codes if course.is_translated_into(c)]
            lines.append(f"  {course.get_url()}  ({', '.join(languages)})")
    return lines
