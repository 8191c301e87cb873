"""Demo webinars, so a newcomer sees registration, the waiting list and a
past webinar with its attendance and the certificate it earned.

``load_demo`` calls ``demo_webinars_ensure`` after the demo accounts and the
courses: it creates the bureaus' sections, puts the demo bureau staff account
in the Latin America and the Caribbean group, and plans four webinars
relative to today. Amina has a seat at the Africa bureau's webinar in French;
Youssef holds the only seat of the Asia and the Pacific webinar and Wei waits
for it; Amina attended a past webinar. Safe to run again.
"""

import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from courses.models import CoursePage, ModulePage
from lms.certificates.models import Certificate
from lms.certificates.services import certificate_pdf_ensure

from .models import (
    Attendance,
    AttendanceSource,
    Registration,
    RegistrationStatus,
    WebinarPage,
    WebinarStatus,
)
from .outcomes import attendance_outcomes_apply
from .services import bureau_group_name, bureau_sections_ensure, registration_create

MEETING = "https://meet.example.org/ip-campus-demo"
BUREAU_STAFF = ("bureau", "latin-america-caribbean")


@dataclass
class DemoWebinar:
    slug: str
    bureau: str
    language: str
    topic: str
    time_zone: str
    starts_in: timedelta
    capacity: int
    title: dict
    description: dict
    course: str
    module_index: int | None = None
    speakers: list = field(default_factory=list)
    finished: bool = False


WEBINARS = [
    DemoWebinar(
        slug="brevets-modeles-utilite",
        bureau="africa",
        language="fr",
        topic="patents",
        time_zone="Africa/Dakar",
        starts_in=timedelta(days=3),
        capacity=40,
        title={
            "en": "Patents or utility models: where should a small workshop start?",
            "fr": "Brevet ou modèle d'utilité : par où commencer pour un petit "
            "atelier ?",
        },
        description={
            "en": "<p>How to tell whether an improvement is worth a patent, a utility "
            "model or a trade secret, and what to do before showing it at a fair. "
            "Questions from participants for the last half hour.</p>",
            "fr": "<p>Comment savoir si une amélioration mérite un brevet, un modèle "
            "d'utilité ou un secret d'affaires, et que faire avant de la montrer "
            "dans un salon. Questions des participants pendant la dernière "
            "demi-heure.</p>",
        },
        course="patents-trade-secrets",
        module_index=0,
        speakers=[("Awa Ndiaye", "Patent attorney", "Dakar")],
    ),
    DemoWebinar(
        slug="pct-first-steps",
        bureau="asia-pacific",
        language="en",
        topic="pct",
        time_zone="Asia/Singapore",
        starts_in=timedelta(days=9),
        capacity=1,
        title={"en": "Your first PCT application: the 30 months, step by step"},
        description={
            "en": "<p>A walk through the PCT timeline for a start-up that has filed "
            "at home: priority, search report, publication, and choosing where to "
            "enter the national phase.</p>"
        },
        course="pct-patents-abroad",
        speakers=[("Li Ming", "IP manager", "Technology transfer office")],
    ),
    DemoWebinar(
        slug="madrid-mercados-vecinos",
        bureau="latin-america-caribbean",
        language="es",
        topic="madrid",
        time_zone="America/Bogota",
        starts_in=timedelta(days=14),
        capacity=100,
        title={
            "en": "Protecting your brand in neighbouring markets with Madrid",
            "es": "Proteger su marca en los mercados vecinos con el Sistema de Madrid",
        },
        description={
            "en": "<p>When a Madrid application is worth it, how to choose the "
            "countries to designate and what the five-year dependency means.</p>",
            "es": "<p>Cuándo conviene una solicitud de Madrid, cómo elegir los "
            "países que designar y qué significa la dependencia de cinco años.</p>",
        },
        course="madrid-trademarks-abroad",
    ),
    DemoWebinar(
        slug="droit-auteur-createurs",
        bureau="africa",
        language="fr",
        topic="copyright",
        time_zone="Africa/Abidjan",
        starts_in=-timedelta(days=12),
        capacity=60,
        title={
            "en": "Copyright for creative businesses: contracts with freelancers",
            "fr": "Droit d'auteur et entreprises créatives : les contrats avec les "
            "indépendants",
        },
        description={
            "en": "<p>Who owns what a freelancer creates for you, and the clauses "
            "that avoid disputes.</p>",
            "fr": "<p>À qui appartient ce qu'un indépendant crée pour vous, et les "
            "clauses qui évitent les litiges.</p>",
        },
        course="copyright-creative-businesses",
        finished=True,
    ),
]


def demo_webinars_ensure() -> list[WebinarPage]:
    """The demo sections, staff group, webinars and registrations."""
    sections = {section.bureau.slug: section for section in bureau_sections_ensure()}
    _staff_join(sections)
    webinars = [_webinar(sections[demo.bureau], demo) for demo in WEBINARS]
    by_slug = {webinar.slug: webinar for webinar in webinars}
    _register("amina", by_slug["brevets-modeles-utilite"])
    _register("youssef", by_slug["pct-first-steps"])
    _register("wei", by_slug["pct-first-steps"])
    _attended("amina", by_slug["droit-auteur-createurs"], minutes=75)
    return webinars


def _staff_join(sections) -> None:
    username, bureau = BUREAU_STAFF
    user = get_user_model().objects.filter(username=username).first()
    if user is not None and bureau in sections:
        group = Group.objects.get(name=bureau_group_name(sections[bureau].bureau))
        user.groups.add(group)


def _webinar(section, demo: DemoWebinar) -> WebinarPage:
    existing = WebinarPage.objects.child_of(section).filter(slug_en=demo.slug).first()
    if existing is not None:
        return existing
    # 10:00 in the organiser's zone, on the day ``starts_in`` from today.
    zone = zoneinfo.ZoneInfo(demo.time_zone)
    day = timezone.localtime(timezone.now() + demo.starts_in, zone).date()
    start = datetime.combine(day, time(10, 0), tzinfo=zone)
    page = WebinarPage(
        slug=demo.slug,
        language=demo.language,
        topic=demo.topic,
        time_zone=demo.time_zone,
        starts_at=start,
        duration_minutes=90,
        capacity=demo.capacity,
        meeting_url=MEETING,
        related_page=_related(demo),
        status=WebinarStatus.FINISHED if demo.finished else WebinarStatus.SCHEDULED,
        recording_url="https://www.wipo.int/en/web/copyright" if demo.finished else "",
    )
    with translation.override("en"):
        for code, text in demo.title.items():
            setattr(page, f"title_{code.replace('-', '_')}", text)
            setattr(page, f"slug_{code.replace('-', '_')}", demo.slug)
        for code, text in demo.description.items():
            setattr(page, f"description_{code.replace('-', '_')}", text)
        page.title = demo.title["en"]
        page.description = demo.description["en"]
        for name, role, affiliation in demo.speakers:
            page.speakers.add(_speaker(name, role, affiliation))
        section.add_child(instance=page)
        page.save_revision().publish()
    return page


def _speaker(name, role, affiliation):
    from .models import WebinarSpeaker

    return WebinarSpeaker(name=name, role=role, affiliation=affiliation)


def _related(demo: DemoWebinar):
    course = CoursePage.objects.filter(slug_en=demo.course).first()
    if course is None or demo.module_index is None:
        return course
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    return modules[demo.module_index] if len(modules) > demo.module_index else course


def _register(username: str, webinar: WebinarPage) -> None:
    user = get_user_model().objects.filter(username=username).first()
    if user is not None:
        registration_create(user=user, webinar=webinar)


def _attended(username: str, webinar: WebinarPage, *, minutes: int) -> None:
    """History the demo shows as if it had happened: a seat and the minutes."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        return
    Registration.objects.get_or_create(
        user=user, webinar=webinar, defaults={"status": RegistrationStatus.CONFIRMED}
    )
    Attendance.objects.get_or_create(
        user=user,
        webinar=webinar,
        defaults={"minutes": minutes, "source": AttendanceSource.MANUAL},
    )
    attendance_outcomes_apply(webinar=webinar)
    for certificate in Certificate.objects.filter(event=webinar, user=user):
        certificate_pdf_ensure(certificate=certificate)
