"""Writes to the page tree that span several pages."""

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, Site

from .models import CourseIndexPage, HomePage

HOME_SLUG = "home"
CATALOGUE_SLUGS = {
    "en": "courses",
    "fr": "cours",
    "es": "cursos",
    "ar": "courses-ar",
    "zh-hans": "kecheng",
    "ru": "kursy",
}
HOME_TITLE = _("Learn to protect and use your ideas")
HOME_INTRODUCTION = _(
    "Free, self-paced courses for entrepreneurs and small businesses on patents, "
    "copyright, trademarks, designs and resolving disputes, in six languages."
)
CATALOGUE_TITLE = _("Course catalogue")
CATALOGUE_INTRODUCTION = _(
    "Choose a course by topic, level or language. Every course is free and you can "
    "start reading without an account."
)


def _set_translations(page: Page, field: str, text) -> None:
    """Fill ``field`` in every language from a translatable string."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            setattr(page, build_localized_fieldname(field, code), str(text))


@transaction.atomic
def site_root_ensure() -> HomePage:
    """Create (or find) the home page and the catalogue, and point the site at them.

    Wagtail's installation leaves a placeholder welcome page as the site root;
    it is replaced by our HomePage. Safe to run any number of times.
    """
    # Pages Wagtail's own migrations created (the tree root) predate the
    # per-language columns: give them their English values so that paths
    # built from them are right. rewrite(False) keeps F("title") meaning the
    # original column rather than the current language's.
    Page.objects.rewrite(False).filter(
        Q(url_path_en__isnull=True) | Q(url_path_en="")
    ).update(title_en=F("title"), slug_en=F("slug"), url_path_en=F("url_path"))
    home = HomePage.objects.first()
    if home is None:
        # Wagtail installs a bare welcome page as the site root; it holds
        # nothing, and its slug is the one the home page takes.
        Page.objects.filter(depth=2, numchild=0).type(Page).exact_type(Page).delete()
        root = Page.get_first_root_node()
        home = HomePage(slug=HOME_SLUG)
        _set_translations(home, "title", HOME_TITLE)
        _set_translations(home, "introduction", HOME_INTRODUCTION)
        home.title = str(HOME_TITLE)
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    if site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "IP Campus"
        site.save()

    if not CourseIndexPage.objects.child_of(home).exists():
        catalogue = CourseIndexPage(slug=CATALOGUE_SLUGS["en"])
        _set_translations(catalogue, "title", CATALOGUE_TITLE)
        _set_translations(catalogue, "introduction", CATALOGUE_INTRODUCTION)
        for code, slug in CATALOGUE_SLUGS.items():
            setattr(catalogue, build_localized_fieldname("slug", code), slug)
        catalogue.title = str(CATALOGUE_TITLE)
        home.add_child(instance=catalogue)
        catalogue.save_revision().publish()
    return home
