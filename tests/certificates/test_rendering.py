"""The certificate PDF: one page, every script intact, nothing fetched from outside.

Rendering costs a few tenths of a second, so the certificates in the six
languages are rendered once for the module and the tests read them back.
"""

import importlib
import io
import logging
import threading
import time
import unicodedata
from datetime import date
from decimal import Decimal
from unittest import mock

import pypdf
import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import translation
from weasyprint import HTML
from weasyprint.formatting_structure.boxes import TextBox

from lms.certificates import rendering
from lms.certificates.codes import code_generate
from lms.certificates.models import (
    Certificate,
    CertificateKind,
    CertificateSignatory,
    CertificateTemplate,
)
from lms.certificates.rendering import (
    CertificateFetchRefused,
    CertificateRenderTimeout,
    LocalURLFetcher,
    certificate_document,
    certificate_html,
    certificate_pdf,
)
from tests.factories import UserFactory, course_tree

pytestmark = pytest.mark.django_db

#: Holder, course title and the default template's heading, per language.
SCRIPTS = {
    "en": ("Ada Lovelace", "Patents for small businesses", "Certificate of completion"),
    "fr": (
        "Éloïse Dupré-Lefèvre",
        "Protéger ses marques à l'export",
        "Certificat de réussite",
    ),
    "es": (
        "José Núñez Peña",
        "Marcas para emprendedores",
        "Certificado de finalización",
    ),
    "ar": (
        "فاطمة الزهراء بن علي",
        "الملكية الفكرية للمؤسسات الصغيرة",
        "شهادة إتمام",
    ),
    "zh-hans": ("王小明", "中小企业知识产权入门", "结业证书"),
    "ru": (
        "Анна Сергеевна Иванова",
        "Патенты для малого бизнеса",
        "Сертификат об окончании курса",
    ),
}
HOSTILE_NAME = (
    '<img src="http://evil.example/x.png"> '
    "<style>@import url(file:///etc/passwd)</style> \u202eRTL"
)


def repeated(text: str, length: int) -> str:
    """``text`` repeated, cut to ``length`` characters (a field's maximum)."""
    return ((text + " ") * (length // len(text) + 1))[:length].strip()


def default_template(kind=CertificateKind.COURSE) -> CertificateTemplate:
    return CertificateTemplate.objects.get(kind=kind, course__isnull=True)


def make_certificate(language="en", *, course=None, **fields) -> Certificate:
    holder, title, _heading = SCRIPTS.get(language, SCRIPTS["en"])
    values = {
        "user": UserFactory(),
        "course": course,
        "code": code_generate(),
        "holder_name": holder,
        "course_title": title,
        "course_title_en": SCRIPTS["en"][1],
        "language": language,
        "completed_on": date(2026, 11, 5),
        "score": Decimal("0.875"),
        "issuing_organisation": "IP Campus",
        "template": default_template(),
    }
    values.update(fields)
    return Certificate.objects.create(**values)


def squeezed(text: str) -> str:
    """``text`` compared as read: compatibility forms folded, no whitespace.

    NFKC folds Arabic presentation forms back to letters; whitespace goes
    because lines wrap wherever the layout chose.
    """
    return "".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_fonts(pdf: bytes) -> dict[str, set[int]]:
    """The fonts the page uses, with the glyph ids drawn from each."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            glyphs = set()
            widths = list(descendant.get("/W", []))
            index = 0
            while index < len(widths):
                first = int(widths[index])
                if isinstance(widths[index + 1], list):
                    glyphs.update(range(first, first + len(widths[index + 1])))
                    index += 2
                else:
                    glyphs.update(range(first, int(widths[index + 1]) + 1))
                    index += 3
            fonts[str(font["/BaseFont"])] = glyphs
    return fonts


def boxes(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from boxes(child)


def box_of(page, css_class):
    for box in boxes(page._page_box):
        element = getattr(box, "element", None)
        if element is not None and css_class in (element.get("class") or "").split():
            return box
    raise AssertionError(f"No .{css_class} box")


def assert_statement_fits(document):
    """Every line of the statement lies inside the statement's box."""
    (page,) = document.pages
    statement = box_of(page, "statement")
    top, left = statement.content_box_y(), statement.content_box_x()
    bottom, right = top + statement.height, left + statement.width
    texts = [box for box in boxes(statement) if isinstance(box, TextBox)]
    assert texts
    for text in texts:
        assert text.position_y >= top - 0.5, text.text
        assert text.position_y + text.height <= bottom + 0.5, text.text
        assert text.position_x >= left - 0.5, text.text
        assert text.position_x + text.width <= right + 0.5, text.text


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """Rows shared by the module's tests, rolled back after the last one."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def course(module_db):
    return course_tree(modules=1, lessons_per_module=1)


#: What WeasyPrint warned about while rendering each language's certificate.
WARNINGS: dict[str, list[str]] = {}


class Recorder(logging.Handler):
    """Keeps the warnings logged while it is attached."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def rendered(module_db, course):
    """One certificate per language, with its PDF and WeasyPrint's warnings."""
    result = {}
    weasyprint_logger = logging.getLogger("weasyprint")
    for language in SCRIPTS:
        certificate = make_certificate(language, course=course)
        recorder = Recorder()
        weasyprint_logger.addHandler(recorder)
        try:
            pdf = certificate_pdf(certificate=certificate)
        finally:
            weasyprint_logger.removeHandler(recorder)
        result[language] = (certificate, pdf)
        WARNINGS[language] = recorder.messages
    return result


class TestOnePage:
    @pytest.mark.parametrize("language", list(SCRIPTS))
    def test_each_language_prints_on_one_a4_landscape_page(self, rendered, language):
        reader = pypdf.PdfReader(io.BytesIO(rendered[language][1]))
        (page,) = reader.pages
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (842, 595)  # A4 in points

    @pytest.mark.parametrize("language", ["en", "ar", "zh-hans"])
    @pytest.mark.parametrize("bilingual", [False, True])
    def test_longest_name_and_title_fit(self, course, language, bilingual):
        holder, title, _heading = SCRIPTS[language]
        certificate = make_certificate(
            language,
            course=course,
            holder_name=repeated(holder, 200),
            course_title=repeated(title, 255),
            course_title_en=repeated(SCRIPTS["en"][1], 255),
            bilingual=bilingual,
        )
        document = certificate_document(certificate_html(certificate=certificate))
        assert len(document.pages) == 1
        assert_statement_fits(document)

    def test_a_word_longer_than_the_line_wraps(self, course):
        certificate = make_certificate(
            course=course, holder_name="W" * 200, course_title="T" * 255
        )
        document = certificate_document(certificate_html(certificate=certificate))
        assert len(document.pages) == 1
        assert_statement_fits(document)

    def test_short_text_stays_large(self, rendered):
        html = certificate_html(certificate=rendered["en"][0])
        assert 'class="holder"' in html
        assert "is-long" not in html


class TestScripts:
    @pytest.mark.parametrize("language", list(SCRIPTS))
    def test_text_reads_back_intact(self, rendered, language):
        certificate, pdf = rendered[language]
        text = squeezed(pdf_text(pdf))
        holder, title, heading = SCRIPTS[language]
        for expected in (holder, title, heading, certificate.code):
            assert squeezed(expected) in text
        with translation.override(language):
            assert squeezed(certificate.public_verify_url()) in text
        assert "IPCAMPUS" in text.upper()

    @pytest.mark.parametrize("language", list(SCRIPTS))
    def test_no_glyph_missing_and_nothing_failed(self, rendered, language):
        # WeasyPrint warns ".notdef glyph rendered for Unicode string
        # unsupported by fonts" when no font has a character.
        assert WARNINGS[language] == []

    @pytest.mark.parametrize("language", list(SCRIPTS))
    def test_every_glyph_comes_from_a_noto_font(self, rendered, language):
        fonts = pdf_fonts(rendered[language][1])
        assert fonts
        for name, glyphs in fonts.items():
            assert "Noto" in name, name
            # Glyph 0 is .notdef, the box drawn for a character with no glyph.
            assert 0 not in glyphs, f"{name} drew a missing glyph"

    def test_each_script_has_its_face(self, rendered):
        assert any("Naskh-Arabic" in f for f in pdf_fonts(rendered["ar"][1]))
        assert any("CJK-SC" in f for f in pdf_fonts(rendered["zh-hans"][1]))

    def test_arabic_is_right_to_left(self, rendered):
        html = certificate_html(certificate=rendered["ar"][0])
        assert '<html lang="ar" dir="rtl">' in html

    def test_arabic_letters_take_their_joined_forms(self):
        # Three behs, shaped: initial, medial and final forms are three glyphs;
        # unshaped text would draw the same isolated glyph three times.
        html = '<p lang="ar" dir="rtl">ببب</p>'
        pdf = HTML(string=html).write_pdf(
            font_config=rendering.FONT_CONFIG, stylesheets=[rendering._stylesheet()]
        )
        ((name, glyphs),) = pdf_fonts(pdf).items()
        assert "Naskh-Arabic" in name
        assert len(glyphs) == 3

    def test_codes_numbers_and_urls_stay_left_to_right_in_arabic(self, rendered):
        certificate, pdf = rendered["ar"]
        html = certificate_html(certificate=certificate)
        assert f'<bdi dir="ltr" class="code">{certificate.code}</bdi>' in html
        with translation.override("ar"):
            url = certificate.public_verify_url()
        assert f'<bdi dir="ltr" class="url">{url}</bdi>' in html
        assert '<bdi class="score" dir="ltr">88%</bdi>' in html
        text = squeezed(pdf_text(pdf))
        assert certificate.code in text
        assert "88%" in text

    def test_dates_follow_the_language(self, rendered):
        assert "5 novembre 2026" in certificate_html(certificate=rendered["fr"][0])
        assert "2026年11月5日" in certificate_html(certificate=rendered["zh-hans"][0])
        assert "5 ноября 2026" in certificate_html(certificate=rendered["ru"][0])


class TestBilingual:
    def test_english_is_printed_under_the_learners_language(self, course):
        certificate = make_certificate("ar", course=course, bilingual=True)
        pdf = certificate_pdf(certificate=certificate)
        text = squeezed(pdf_text(pdf))
        assert squeezed("شهادة إتمام") in text
        assert squeezed("Certificate of completion") in text
        assert squeezed(SCRIPTS["ar"][1]) in text
        assert squeezed(SCRIPTS["en"][1]) in text
        html = certificate_html(certificate=certificate)
        assert '<div class="translation" lang="en" dir="ltr">' in html
        # The English part is set in the Latin face, not in the Arabic one.
        fonts = pdf_fonts(pdf)
        assert {name.split("+")[1] for name in fonts} >= {
            "Noto-Naskh-Arabic",
            "Noto-Serif",
        }
        assert all(0 not in glyphs for glyphs in fonts.values())

    def test_a_certificate_in_one_language_has_no_english_part(self, rendered):
        html = certificate_html(certificate=rendered["fr"][0])
        assert "translation" not in html
        assert "Certificate of completion" not in pdf_text(rendered["fr"][1])


class TestMetadata:
    @pytest.mark.parametrize(
        ("language", "tag"), [("fr", "fr"), ("ar", "ar"), ("zh-hans", "zh-Hans")]
    )
    def test_title_author_and_language(self, rendered, language, tag):
        certificate, pdf = rendered[language]
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        assert reader.metadata.title.endswith(f" – {certificate.course_title}")
        assert reader.metadata.author == "IP Campus"
        assert reader.trailer["/Root"]["/Lang"] == tag

    def test_archival_variant_declares_pdf_a(self, rendered):
        pdf = certificate_pdf(certificate=rendered["en"][0], variant="pdf/a-3b")
        assert_pdf_a_3b(pdf)

    def test_the_setting_chooses_the_variant(self, rendered, settings):
        settings.CERTIFICATE_PDF_VARIANT = rendering.ARCHIVAL_VARIANT
        assert_pdf_a_3b(certificate_pdf(certificate=rendered["en"][0]))

    def test_plain_pdf_by_default(self, rendered):
        reader = pypdf.PdfReader(io.BytesIO(rendered["en"][1]))
        assert "/OutputIntents" not in reader.trailer["/Root"]

    def test_unknown_variant_is_refused(self, rendered):
        with pytest.raises(ValueError, match="Unknown PDF variant"):
            certificate_pdf(certificate=rendered["en"][0], variant="pdf/z")


def assert_pdf_a_3b(pdf: bytes):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in xmp
    assert ">3<" in xmp or 'pdfaid:part="3"' in xmp
    assert ">B<" in xmp or 'pdfaid:conformance="B"' in xmp
    assert "/OutputIntents" in root


class TestFetcher:
    BASE = "https://campus.example.org"

    @pytest.fixture(autouse=True)
    def _site(self, settings):
        settings.SITE_BASE_URL = self.BASE

    @pytest.mark.parametrize(
        "url",
        [
            "file:///etc/passwd",
            "FILE:///etc/passwd",
            "http://evil.example/static/certificates/certificate.css",
            "https://evil.example/media/x.png",
            "ftp://campus.example.org/static/certificates/certificate.css",
            "http://campus.example.org/static/certificates/certificate.css",
            "https://campus.example.org:8443/static/certificates/certificate.css",
            "https://user@campus.example.org/static/certificates/certificate.css",
            "https://campus.example.org.evil.example/static/x.css",
            "https://campus.example.org/etc/passwd",
            "https://campus.example.org/static/../../etc/passwd",
            "https://campus.example.org/static/%2e%2e/%2e%2e/etc/passwd",
            "https://campus.example.org/static/%252e%252e/settings.py",
            "https://campus.example.org/media/..%2f..%2fdb.sqlite3",
            "https://campus.example.org/media//etc/passwd",
            "https://campus.example.org/media/a\\..\\b.png",
            "https://campus.example.org/static/",
            "javascript:alert(1)",
            "about:blank",
        ],
    )
    def test_refuses(self, url):
        with pytest.raises(CertificateFetchRefused):
            LocalURLFetcher().fetch(url)

    def test_serves_the_sites_static_files(self):
        response = LocalURLFetcher().fetch(
            f"{self.BASE}/static/certificates/certificate.css"
        )
        assert response.read().startswith(b"/*")
        assert response.content_type == "text/css"

    def test_serves_media_from_storage(self, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        name = default_storage.save("logos/our logo.png", ContentFile(b"\x89PNG"))
        response = LocalURLFetcher().fetch(
            f"{self.BASE}/media/{name.replace(' ', '%20')}"
        )
        assert response.read() == b"\x89PNG"
        assert response.content_type == "image/png"

    def test_refuses_a_file_too_large(self, settings, tmp_path, monkeypatch):
        settings.MEDIA_ROOT = tmp_path
        monkeypatch.setattr(rendering, "FETCH_MAX_BYTES", 10)
        name = default_storage.save("big.png", ContentFile(b"x" * 11))
        with pytest.raises(CertificateFetchRefused):
            LocalURLFetcher().fetch(f"{self.BASE}/media/{name}")

    def test_decodes_data_uris(self):
        response = LocalURLFetcher().fetch("data:text/plain;base64,aGk=")
        assert response.read() == b"hi"

    def test_weasyprint_prints_without_what_was_refused(self):
        html = (
            '<link rel="stylesheet" href="http://evil.example/x.css">'
            '<p>Kept</p><img src="file:///etc/passwd">'
        )
        with mock.patch.object(
            LocalURLFetcher, "fetch", autospec=True, side_effect=LocalURLFetcher.fetch
        ) as fetch:
            document = certificate_document(html)
        asked = {call.args[1] for call in fetch.call_args_list}
        assert asked == {"http://evil.example/x.css", "file:///etc/passwd"}
        assert len(document.pages) == 1


class TestHostileText:
    def test_a_name_full_of_markup_prints_literally_and_fetches_nothing(self, course):
        certificate = make_certificate(course=course, holder_name=HOSTILE_NAME)
        with mock.patch.object(
            LocalURLFetcher, "fetch", autospec=True, side_effect=LocalURLFetcher.fetch
        ) as fetch:
            pdf = certificate_pdf(certificate=certificate)
        asked = [call.args[1] for call in fetch.call_args_list]
        assert asked  # the QR code, a data: URI
        assert all(url.startswith("data:") for url in asked), asked
        text = squeezed(pdf_text(pdf))
        assert squeezed(HOSTILE_NAME.replace("\u202e", "")) in text
        assert "\u202e" not in text
        html = certificate_html(certificate=certificate)
        assert "&lt;img src=&quot;http://evil.example/x.png&quot;&gt;" in html
        assert "<style>@import" not in html

    def test_bidi_controls_are_removed_and_the_name_isolated(self, course):
        name = "\u202bSara\u202c \u2067Ali\u2069 \u202dX\u202e"
        certificate = make_certificate("ar", course=course, holder_name=name)
        html = certificate_html(certificate=certificate)
        for control in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
            assert control not in html
        assert "<bdi>Sara Ali X</bdi>" in html

    def test_a_name_that_looks_like_a_placeholder_stays_as_typed(self, course):
        certificate = make_certificate(course=course, holder_name="{course} {date}")
        html = certificate_html(certificate=certificate)
        assert "<bdi>{course} {date}</bdi>" in html

    def test_template_text_is_escaped_too(self, course):
        template = CertificateTemplate.objects.create(
            name="Own",
            course=course,
            heading_en="<h1>Big</h1>",
            body_en="<b>{name}</b> & {course}",
            issuing_organisation_en="IP Campus",
        )
        certificate = make_certificate(course=course, template=template)
        html = certificate_html(certificate=certificate)
        assert "&lt;h1&gt;Big&lt;/h1&gt;" in html
        assert "&lt;b&gt;" in html
        assert "&amp;" in html
        assert "<b>" not in html

    def test_colours_that_are_not_colours_are_replaced(self, course):
        template = default_template()
        # Past the validators (seven characters fit the column): in a <style>
        # element, HTML escaping would not stop "}" from ending the rule.
        CertificateTemplate.objects.filter(pk=template.pk).update(
            primary_colour="#0;}a{b", accent_colour="#12345g"
        )
        certificate = make_certificate(course=course, template=default_template())
        html = certificate_html(certificate=certificate)
        assert "--primary: #0b4f8a; --accent: #b08d1a;" in html
        assert "#0;}" not in html


class TestWording:
    def test_without_a_template_the_built_in_wording(self, course):
        certificate = make_certificate(course=course, template=None)
        html = certificate_html(certificate=certificate)
        assert "Certificate of completion" in html
        assert "This is to certify that" in html
        assert "has successfully completed the course" in html

    def test_attendance_without_a_template(self):
        certificate = make_certificate(kind=CertificateKind.ATTENDANCE, template=None)
        html = certificate_html(certificate=certificate)
        assert "Certificate of attendance" in html
        assert "attended the webinar" in html

    def test_the_score_as_a_percentage(self, rendered):
        html = certificate_html(certificate=rendered["en"][0])
        assert "Final assessment score: " in html
        assert ">88%<" in html

    def test_no_score_no_score_sentence(self, course):
        template = CertificateTemplate.objects.create(
            name="Scored",
            course=course,
            heading_en="Well done",
            body_en=(
                "{name} completed {course}. Your score was {score}. "
                "Congratulations from {organisation}!"
            ),
            issuing_organisation_en="IP Campus",
        )
        scored = certificate_html(
            certificate=make_certificate(course=course, template=template)
        )
        assert "Your score was" in scored
        assert "Final assessment score" not in scored  # the body says it
        unscored = certificate_html(
            certificate=make_certificate(course=course, template=template, score=None)
        )
        assert "Your score was" not in unscored
        assert "Congratulations from <bdi>IP Campus</bdi>!" in unscored

    def test_a_body_without_the_name_or_course_still_prints_them(self, course):
        template = CertificateTemplate.objects.create(
            name="Terse",
            course=course,
            heading_en="Well done",
            body_en="Congratulations.",
            issuing_organisation_en="IP Campus",
        )
        certificate = make_certificate(course=course, template=template)
        html = certificate_html(certificate=certificate)
        assert "<bdi>Ada Lovelace</bdi>" in html
        assert f"<bdi>{SCRIPTS['en'][1]}</bdi>" in html
        assert "Completed on" in html

    def test_punctuation_after_the_course_stays_on_its_line(self, rendered):
        html = certificate_html(certificate=rendered["en"][0])
        assert f"<bdi>{SCRIPTS['en'][1]}</bdi></span>" in html
        template = default_template()
        template.body_en = "{name} completed {course}."
        template.save()
        certificate = make_certificate(template=template)
        assert f"<bdi>{SCRIPTS['en'][1]}</bdi>.</span>" in certificate_html(
            certificate=certificate
        )

    def test_signatories_logo_and_signatures(self, course, settings, tmp_path):
        from wagtail.images.models import Image
        from wagtail.images.tests.utils import get_test_image_file

        settings.MEDIA_ROOT = tmp_path
        template = CertificateTemplate.objects.create(
            name="Signed",
            course=course,
            heading_en="Certificate",
            body_en="{name} completed {course} on {date}.",
            issuing_organisation_en="IP Campus",
            logo=Image.objects.create(title="Logo", file=get_test_image_file()),
        )
        CertificateSignatory.objects.create(
            template=template,
            name="Dr Maria Pérez",
            title_en="Director, IP Academy",
            title_ar="مديرة الأكاديمية",
            signature=Image.objects.create(
                title="Signature", file=get_test_image_file()
            ),
        )
        certificate = make_certificate(
            "ar", course=course, template=template, bilingual=True
        )
        with mock.patch.object(
            LocalURLFetcher, "fetch", autospec=True, side_effect=LocalURLFetcher.fetch
        ) as fetch:
            pdf = certificate_pdf(certificate=certificate)
        media = [
            call.args[1]
            for call in fetch.call_args_list
            if not call.args[1].startswith("data:")
        ]
        assert len(media) == 2
        assert all("/media/images/" in url for url in media)
        text = squeezed(pdf_text(pdf))
        for expected in ("Dr Maria Pérez", "مديرة الأكاديمية", "Director, IP Academy"):
            assert squeezed(expected) in text
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        images = [
            xobject
            for xobject in reader.pages[0]["/Resources"]["/XObject"].values()
            if xobject.get_object()["/Subtype"] == "/Image"
        ]
        assert len(images) >= 2


class TestTimeBound:
    @staticmethod
    def slow_print(seconds):
        def slow(html, variant):
            time.sleep(seconds)
            return b"%PDF-late"

        return slow

    def test_an_alarm_stops_a_slow_render(self, rendered, settings, monkeypatch):
        settings.CERTIFICATE_RENDER_SECONDS = 0.2
        monkeypatch.setattr(rendering, "_print", self.slow_print(5))
        handler = rendering.signal.getsignal(rendering.signal.SIGALRM)
        started = time.monotonic()
        with pytest.raises(CertificateRenderTimeout):
            certificate_pdf(certificate=rendered["en"][0])
        assert time.monotonic() - started < 2
        assert rendering.signal.getsignal(rendering.signal.SIGALRM) is handler
        assert rendering.signal.getitimer(rendering.signal.ITIMER_REAL)[0] == 0

    def test_the_alarm_interrupts_weasyprint_itself(self, rendered, settings):
        settings.CERTIFICATE_RENDER_SECONDS = 0.001
        with pytest.raises(CertificateRenderTimeout):
            certificate_pdf(certificate=rendered["en"][0])
        settings.CERTIFICATE_RENDER_SECONDS = 30
        assert certificate_pdf(certificate=rendered["en"][0]).startswith(b"%PDF")

    def test_outside_the_main_thread_the_caller_stops_waiting(
        self, rendered, settings, monkeypatch
    ):
        settings.CERTIFICATE_RENDER_SECONDS = 0.1
        monkeypatch.setattr(rendering, "_print", self.slow_print(0.5))
        # No template: the thread has nothing to read from the test database.
        certificate = make_certificate(template=None)
        outcome = []

        def render():
            try:
                certificate_pdf(certificate=certificate)
            except CertificateRenderTimeout as error:
                outcome.append(error)

        caller = threading.Thread(target=render)
        caller.start()
        caller.join(5)
        assert len(outcome) == 1
        for thread in threading.enumerate():  # let the helper finish its sleep
            if thread.name == "certificate-render":
                thread.join(5)

    def test_a_render_in_a_thread_returns_the_pdf(self):
        certificate = make_certificate(template=None)
        pdfs = []
        caller = threading.Thread(
            target=lambda: pdfs.append(certificate_pdf(certificate=certificate))
        )
        caller.start()
        caller.join(30)
        assert pdfs[0].startswith(b"%PDF")


class TestDefaultTemplates:
    LANGUAGES = ("en", "fr", "es", "ar", "zh_hans", "ru")

    @pytest.mark.parametrize(
        "kind", [CertificateKind.COURSE, CertificateKind.ATTENDANCE]
    )
    def test_exist_in_every_language(self, kind):
        template = default_template(kind)
        for language in self.LANGUAGES:
            assert getattr(template, f"heading_{language}")
            assert "{name}" in getattr(template, f"body_{language}")
            assert "{course}" in getattr(template, f"body_{language}")
            assert getattr(template, f"issuing_organisation_{language}") == "IP Campus"
        template.full_clean()

    def test_the_migration_can_run_again(self):
        migration = importlib.import_module(
            "lms.certificates.migrations.0002_default_templates"
        )
        migration.create_default_templates(apps, None)
        assert CertificateTemplate.objects.filter(course__isnull=True).count() == 2
