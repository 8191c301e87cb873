"""Bureaus, their sections and webinars, for the webinar tests."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from lms.webinars.models import Bureau, WebinarIndexPage, WebinarPage
from lms.webinars.services import bureau_section_ensure


class BureauFactory(factory.django.DjangoModelFactory):
    """A bureau; the migrations' own (slug "africa"...) are reused when present."""

    slug = factory.Sequence(lambda n: f"bureau-{n}")
    name = factory.LazyAttribute(lambda bureau: bureau.slug.replace("-", " ").title())
    name_en = factory.SelfAttribute("name")

    class Meta:
        model = Bureau
        django_get_or_create = ("slug",)


def section(slug: str = "africa") -> WebinarIndexPage:
    """The webinar section of the bureau ``slug``, with its staff group."""
    return bureau_section_ensure(bureau=BureauFactory(slug=slug))


class WebinarPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Webinar {n}")
    slug = factory.Sequence(lambda n: f"webinar-{n}")
    description = "<p>Protecting your brand abroad.</p>"
    topic = "madrid"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    time_zone = "Africa/Nairobi"
    duration_minutes = 90
    capacity = 10
    meeting_url = "https://meet.example.org/ip-campus"

    class Meta:
        model = WebinarPage


def webinar(*, bureau: str = "africa", **fields) -> WebinarPage:
    """A published webinar in the section of the bureau ``bureau``."""
    return WebinarPageFactory(parent=section(bureau), **fields)
