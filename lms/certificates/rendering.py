"""The certificate as a PDF: HTML from the record, printed by WeasyPrint.

``certificate_pdf`` returns the bytes; ``services.certificate_pdf_ensure``
stores them and renders again when the record or its template changes.

What the renderer guarantees:

- One A4 landscape page. Every region of ``certificate.css`` is positioned
  absolutely, so nothing flows onto a second page, and long names and titles
  get a smaller size class here (``_length_class``) and wrap anywhere.
- Text is text, never markup: every value is escaped, bidi embedding and
  override controls are removed, and each value is isolated in ``<bdi>`` so
  it cannot reorder the words around it (codes and URLs as left-to-right).
  A template's body is escaped too; only its placeholders are replaced, by
  escaped values.
- WeasyPrint fetches nothing but the site's own static and media files
  (``LocalURLFetcher``): no ``file:``, no other host, no path traversal.
- Printing ends within ``CERTIFICATE_RENDER_SECONDS`` (see
  ``_within_time_limit``), or raises ``CertificateRenderTimeout``. Building
  the HTML before it reads the database and makes image renditions; those
  are bounded by the fields' lengths and Wagtail's image size limits.
- One font configuration and one parsed stylesheet serve every render of the
  process; renders take turns, since Pango's font map is not thread-safe.
"""

import base64
import logging
import mimetypes
import posixpath
import re
import signal
import threading
import time
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit
from urllib.request import DataHandler, Request

import qrcode
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from qrcode.image.svg import SvgPathImage
from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.pdf import VARIANTS
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .models import Certificate, CertificateKind

logger = logging.getLogger(__name__)

STYLESHEET = "certificates/certificate.css"
#: The archival variant to set in ``CERTIFICATE_PDF_VARIANT``.
ARCHIVAL_VARIANT = "pdf/a-3b"
#: Wall-clock seconds a render may take when ``CERTIFICATE_RENDER_SECONDS``
#: is not set. A warm render takes a tenth of a second; the first one of a
#: process loads the fonts and takes a few.
DEFAULT_RENDER_SECONDS = 30
#: The largest static or media file the renderer reads (a logo, a signature).
FETCH_MAX_BYTES = 5 * 1024 * 1024

#: Renditions keep uploaded logos and signatures from bloating the PDF.
LOGO_RENDITION = "max-800x240"
SIGNATURE_RENDITION = "max-500x160"

_PLACEHOLDER = re.compile(r"\{(name|course|date|score|organisation)\}")
#: A sentence holding {score}, up to and including its full stop, in the
#: scripts the site speaks.
_SCORE_SENTENCE = re.compile(
    r"[^.!?。！？؟\n]*\{score\}[^.!?。！？؟\n]*[.!?。！？؟]?[ \t]*"
)
#: Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI):
#: in a name they could reorder the text around it.
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
#: Punctuation that follows a name or a course title stays on its line.
_TRAILING_PUNCTUATION = re.compile(r"[.,;:!?。，、；：！？،؛]+")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\n\r]+")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")

#: Length thresholds (in character widths, a CJK character counting two)
#: past which a name or a course title is set smaller.
_HOLDER_STEPS = ((36, "is-long"), (60, "is-longer"), (110, "is-longest"))
_COURSE_STEPS = ((60, "is-long"), (120, "is-longer"), (180, "is-longest"))


class CertificateRenderTimeout(TimeoutError):
    """Rendering took longer than ``CERTIFICATE_RENDER_SECONDS``."""


class CertificateFetchRefused(ValueError):
    """The PDF asked for a resource that is not the site's own static or media."""


# One per process: building it loads the system's fonts, which is the
# costliest step of a first render.
FONT_CONFIG = FontConfiguration()
_RENDER_LOCK = threading.Lock()


# -- Fetching -----------------------------------------------------------------


class LocalURLFetcher(URLFetcher):
    """WeasyPrint's fetcher, allowed the site's own static and media files only.

    ``data:`` URIs are decoded; ``http(s)`` URLs on ``SITE_BASE_URL``'s origin
    whose path lies under ``STATIC_URL`` or ``MEDIA_URL`` are read from the
    static files finders or storage, and from the default (media) storage, so
    the bytes come from disk or S3, never from a web request. Anything else
    (``file:``, another host, ``..``, encoded tricks) raises
    ``CertificateFetchRefused``; WeasyPrint then logs the failure and prints
    without that resource.
    """

    def __init__(self):
        super().__init__(allowed_protocols=("data", "http", "https"))

    def fetch(self, url, headers=None):
        if urlsplit(url).scheme.lower() == "data":
            # Decoded in memory by the standard library: no I/O.
            data_request = Request(url)  # noqa: S310 - a data: URI, checked above
            with DataHandler().data_open(data_request) as response:
                return URLFetcherResponse(
                    url,
                    response.read(),
                    {"Content-Type": response.headers.get_content_type()},
                )
        area, name = self.resolve(url)
        body = _static_bytes(name) if area == "static" else _media_bytes(name)
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})

    @staticmethod
    def resolve(url: str) -> tuple[str, str]:
        """``("static" | "media", name)`` for an allowed URL; refuses the rest."""
        try:
            parts = urlsplit(url)
            site = urlsplit(_base_url())
            same_origin = (
                parts.scheme.lower() == site.scheme.lower()
                and parts.hostname == site.hostname
                and parts.port == site.port
                and not parts.username
                and not parts.password
            )
        except ValueError:
            same_origin = False
        if not same_origin:
            raise _refused(url)
        path = unquote(parts.path)
        for area, prefix in (
            ("static", urlsplit(settings.STATIC_URL).path),
            ("media", urlsplit(settings.MEDIA_URL).path),
        ):
            if prefix and path.startswith(prefix):
                name = path[len(prefix) :]
                if _is_plain_name(name):
                    return area, name
                break
        raise _refused(url)


def _refused(url: str) -> CertificateFetchRefused:
    logger.warning("Certificate rendering refused to fetch %.200s", url)
    return CertificateFetchRefused(
        f"Not the site's own static or media file: {url:.200}"
    )


def _is_plain_name(name: str) -> bool:
    """A relative storage name with no way out of its folder, once decoded."""
    return (
        bool(name)
        and not name.startswith("/")
        and "\\" not in name
        and "%" not in name  # still encoded after decoding: encoded twice
        and not _CONTROL_CHARACTERS.search(name)
        and all(part not in ("", ".", "..") for part in name.split("/"))
        and posixpath.normpath(name) == name
    )


def _read_at_most(file) -> bytes:
    data = file.read(FETCH_MAX_BYTES + 1)
    if len(data) > FETCH_MAX_BYTES:
        raise CertificateFetchRefused(f"Larger than {FETCH_MAX_BYTES} bytes")
    return data


def _static_bytes(name: str) -> bytes:
    found = finders.find(name)
    if found:
        with Path(found).open("rb") as file:
            return _read_at_most(file)
    with staticfiles_storage.open(name, "rb") as file:
        return _read_at_most(file)


def _media_bytes(name: str) -> bytes:
    with default_storage.open(name, "rb") as file:
        return _read_at_most(file)


local_url_fetcher = LocalURLFetcher()


def _base_url() -> str:
    return f"{settings.SITE_BASE_URL.rstrip('/')}/"


def _media_url(name: str) -> str:
    """The address the fetcher maps back to ``name`` in the media storage."""
    return f"{urlsplit(settings.MEDIA_URL).path}{quote(name)}"


# -- Wording ------------------------------------------------------------------


def _printable(text: str, *, multiline: bool = False) -> str:
    """``text`` without bidi controls and control characters."""
    text = (text or "").translate(_BIDI_CONTROLS)
    text = _CONTROL_CHARACTERS.sub(" ", text)
    if not multiline:
        text = _LINE_BREAKS.sub(" ", text)
    return text.strip()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _length_class(text: str, steps) -> str:
    width = _width(text)
    chosen = ""
    for threshold, css_class in steps:
        if width > threshold:
            chosen = css_class
    return chosen


@dataclass(frozen=True)
class _Line:
    """A value printed on a line of its own: the holder's name, the course."""

    css_class: str
    text: str


def _classes(*names) -> str:
    return " ".join(name for name in names if name)


def _fill(text: str, values: Mapping[str, SafeString | _Line]) -> SafeString:
    """Escape ``text`` and put the values in its placeholders.

    Values are escaped by ``format_html`` (or were built with it); the text
    around them is escaped here. Punctuation right after a value set on its
    own line goes with it, so that no line starts with a full stop.
    """
    pieces = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        pieces.append(text[position : match.start()])
        position = match.end()
        value = values.get(match[1], "")
        if isinstance(value, _Line):
            trailing = _TRAILING_PUNCTUATION.match(text, position)
            suffix = trailing[0] if trailing else ""
            position += len(suffix)
            value = format_html(
                '<span class="{}"><bdi>{}</bdi>{}</span>',
                value.css_class,
                value.text,
                suffix,
            )
        pieces.append(value)
    pieces.append(text[position:])
    return format_html_join("", "{}", ((piece,) for piece in pieces))


def _without_score(text: str) -> str:
    """The body for a certificate without a score.

    A sentence that is only about the score goes; a placeholder that shares
    its sentence with others is simply left out.
    """

    def drop(match: re.Match) -> str:
        sentence = match[0]
        if _PLACEHOLDER.search(sentence.replace("{score}", "")):
            return sentence.replace("{score}", "")
        return ""

    return _SCORE_SENTENCE.sub(drop, text)


def _percentage(score) -> str | None:
    if score is None:
        return None
    percent = (Decimal(score) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    # Translators: a score as a percentage, e.g. "87%" (French: "87 %").
    return _("%(number)s%%") % {"number": formats.number_format(percent, 0)}


def _bcp47(language: str) -> str:
    """``zh-hans`` as a language tag: ``zh-Hans``."""
    first, *rest = language.split("-")
    subtags = [first.lower()]
    for subtag in rest:
        if len(subtag) == 4:
            subtags.append(subtag.title())
        elif len(subtag) == 2:
            subtags.append(subtag.upper())
        else:
            subtags.append(subtag.lower())
    return "-".join(subtags)


def _translated(instance, field_name: str, language: str) -> str:
    """A modeltranslation field in ``language``, else in English."""
    value = getattr(instance, build_localized_fieldname(field_name, language), "")
    return value or getattr(instance, build_localized_fieldname(field_name, "en"), "")


def _fallback_wording(kind: str) -> tuple[str, str]:
    """Heading and body when a certificate has no template (in the active language)."""
    if kind == CertificateKind.ATTENDANCE:
        return (
            _("Certificate of attendance"),
            _(
                "This is to certify that {name} attended the webinar {course} "
                "on {date}."
            ),
        )
    return (
        _("Certificate of completion"),
        _(
            "This is to certify that {name} has successfully completed the course "
            "{course} on {date}."
        ),
    )


@dataclass(frozen=True)
class Wording:
    """What the certificate says in one language, ready for the template."""

    lang: str
    direction: str
    heading: str
    body: SafeString
    details: list[SafeString] = field(default_factory=list)


def _wording(
    certificate: Certificate,
    language: str,
    *,
    course_title: str,
    organisation: str,
    sized: bool = True,
) -> Wording:
    """The heading, body and details in ``language`` (call under its override).

    ``sized``: give the name and the course a size class by their length (the
    English version of a bilingual certificate runs them into its sentence).
    """
    template = certificate.template
    fallback_heading, fallback_body = _fallback_wording(certificate.kind)
    heading = fallback_heading
    body = fallback_body
    if template is not None:
        heading = _translated(template, "heading", language) or fallback_heading
        body = _translated(template, "body", language) or fallback_body
    heading = _printable(heading)
    body = _printable(body, multiline=True)

    name = _printable(certificate.holder_name)
    course_title = _printable(course_title)
    score = _percentage(certificate.score)
    values = {
        "name": _Line(
            _classes("holder", sized and _length_class(name, _HOLDER_STEPS)), name
        ),
        "course": _Line(
            _classes("course", sized and _length_class(course_title, _COURSE_STEPS)),
            course_title,
        ),
        "date": format_html(
            '<bdi class="date">{}</bdi>',
            formats.date_format(certificate.completed_on, "DATE_FORMAT"),
        ),
        "score": format_html('<bdi class="score" dir="ltr">{}</bdi>', score or ""),
        "organisation": format_html("<bdi>{}</bdi>", _printable(organisation)),
    }
    if score is None:
        body = _without_score(body)
    used = set(_PLACEHOLDER.findall(body))
    # The holder and the course are the point of the certificate: a body
    # that forgets them still gets them, in their usual places.
    if "name" not in used and name:
        body = "{name}\n" + body
    if "course" not in used:
        body = body + "\n{course}"
    details = []
    if "date" not in used:
        label = (
            _("Attended on {date}")
            if certificate.kind == CertificateKind.ATTENDANCE
            else _("Completed on {date}")
        )
        details.append(_fill(label, values))
    if "score" not in used and score is not None:
        details.append(_fill(_("Final assessment score: {score}"), values))
    return Wording(
        lang=_bcp47(language),
        direction="rtl" if translation.get_language_bidi() else "ltr",
        heading=heading,
        body=_fill(body.strip(), values),
        details=details,
    )


def _image_url(image, spec: str) -> str:
    """The media address of a small rendition of ``image``, or "" if it fails."""
    if image is None:
        return ""
    try:
        rendition = image.get_rendition(spec)
    except (OSError, ValueError) as error:
        logger.warning("Certificate image %s left out: %s", image.pk, error)
        return ""
    return _media_url(rendition.file.name)


def _qr_data_uri(url: str) -> str:
    svg = qrcode.make(url, image_factory=SvgPathImage, border=2).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def _colour(value: str, default: str) -> str:
    return value if value and _COLOUR.fullmatch(value) else default


def certificate_html(*, certificate: Certificate) -> str:
    """The certificate as HTML for WeasyPrint, in the certificate's language.

    Everything printed comes from the record (copied at issue) and its
    template; a certificate without a template gets the built-in wording.
    """
    language = certificate.language or settings.LANGUAGE_CODE
    template = certificate.template
    bilingual = certificate.bilingual and not language.startswith("en")
    with translation.override(language):
        organisation = _printable(certificate.issuing_organisation)
        main = _wording(
            certificate,
            language,
            course_title=certificate.course_title,
            organisation=organisation,
        )
        verify_url = certificate.public_verify_url()
        title = _printable(certificate.course_title)
        document_title = _("Certificate – %(course)s") % {"course": title}
        document_description = _("Verify this certificate at %(url)s") % {
            "url": verify_url
        }
        records = list(template.signatories.all()) if template else []
        signatories = [
            {
                "name": _printable(record.name),
                "title": _printable(_translated(record, "title", language)),
                "title_en": "",
                "signature_url": _image_url(record.signature, SIGNATURE_RENDITION),
            }
            for record in records
        ]
        english = None
        if bilingual:
            with translation.override("en"):
                english = _wording(
                    certificate,
                    "en",
                    course_title=certificate.course_title_en
                    or certificate.course_title,
                    organisation=(template and template.issuing_organisation_en)
                    or organisation,
                    sized=False,
                )
            for signatory, record in zip(signatories, records, strict=True):
                english_title = _printable(record.title_en)
                if english_title != signatory["title"]:
                    signatory["title_en"] = english_title
        context = {
            "main": main,
            "english": english,
            "organisation": organisation,
            "document_title": document_title,
            "document_description": document_description,
            "issued_at": certificate.issued_at,
            "primary_colour": _colour(
                template.primary_colour if template else "", "#0b4f8a"
            ),
            "accent_colour": _colour(
                template.accent_colour if template else "", "#b08d1a"
            ),
            "logo_url": _image_url(template.logo if template else None, LOGO_RENDITION),
            "signatories": signatories,
            "qr_data_uri": _qr_data_uri(verify_url),
            "verify_url": verify_url,
            "code": certificate.code,
        }
        return render_to_string("certificates/pdf.html", context)


# -- Printing -----------------------------------------------------------------


@cache
def _stylesheet() -> CSS:
    """The certificate stylesheet, parsed once per process."""
    text = _static_bytes(STYLESHEET).decode("utf-8")
    return CSS(string=text, font_config=FONT_CONFIG, url_fetcher=local_url_fetcher)


def certificate_document(html: str, variant: str | None = None) -> Document:
    """``html`` laid out by WeasyPrint with the certificate stylesheet."""
    return HTML(
        string=html, base_url=_base_url(), url_fetcher=local_url_fetcher
    ).render(font_config=FONT_CONFIG, stylesheets=[_stylesheet()], pdf_variant=variant)


def _print(html: str, variant: str | None) -> bytes:
    return certificate_document(html, variant).write_pdf(pdf_variant=variant)


def _render_seconds() -> float:
    return float(
        getattr(settings, "CERTIFICATE_RENDER_SECONDS", DEFAULT_RENDER_SECONDS)
    )


def certificate_pdf(*, certificate: Certificate, variant: str | None = None) -> bytes:
    """The certificate as PDF bytes: one A4 landscape page.

    ``variant`` is a WeasyPrint PDF variant; by default
    ``settings.CERTIFICATE_PDF_VARIANT`` (None: plain PDF; ``"pdf/a-3b"``,
    ``ARCHIVAL_VARIANT``, for archival copies). Raises
    ``CertificateRenderTimeout`` past ``CERTIFICATE_RENDER_SECONDS``.
    """
    if variant is None:
        variant = getattr(settings, "CERTIFICATE_PDF_VARIANT", None)
    if variant and variant not in VARIANTS:
        raise ValueError(
            f"Unknown PDF variant {variant!r}; use one of {sorted(VARIANTS)}"
        )
    html = certificate_html(certificate=certificate)
    return _within_time_limit(lambda: _print(html, variant or None), _render_seconds())


# -- The time bound -----------------------------------------------------------


class _Expired(BaseException):
    """The alarm went off (not an Exception, which WeasyPrint may swallow)."""


def _within_time_limit(function: Callable[[], bytes], seconds: float) -> bytes:
    """``function()``, or ``CertificateRenderTimeout`` after ``seconds``.

    In the main thread (a gunicorn sync worker, the task worker, a management
    command) an alarm signal interrupts the render itself. Elsewhere signals
    cannot be used: the render runs in a helper thread and the caller stops
    waiting after ``seconds``, but the thread itself cannot be killed. It
    finishes on its own, since its inputs are bounded (field lengths, no
    network, files of at most ``FETCH_MAX_BYTES``), and it holds the render
    lock meanwhile, so renders behind it wait or time out in turn.
    """
    in_main_thread = threading.current_thread() is threading.main_thread()
    if (
        in_main_thread
        and hasattr(signal, "setitimer")
        # Someone else's alarm is set (a test timeout, say): leave it alone.
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    ):
        if not _RENDER_LOCK.acquire(timeout=seconds):
            raise CertificateRenderTimeout(_timeout_message(seconds))
        try:
            return _with_alarm(function, seconds)
        finally:
            _RENDER_LOCK.release()
    return _in_helper_thread(function, seconds)


def _timeout_message(seconds: float) -> str:
    return f"Rendering the certificate took longer than {seconds:g} s"


def _with_alarm(function: Callable[[], bytes], seconds: float) -> bytes:
    expired = False

    def on_alarm(signum, frame):
        nonlocal expired
        expired = True
        raise _Expired

    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        try:
            # One shot: once spent it cannot fire again, wherever it landed.
            signal.setitimer(signal.ITIMER_REAL, seconds)
            result = function()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired:
        raise CertificateRenderTimeout(_timeout_message(seconds)) from None
    finally:
        signal.signal(signal.SIGALRM, previous)
    if expired:  # the alarm was caught and ignored inside WeasyPrint
        raise CertificateRenderTimeout(_timeout_message(seconds))
    return result


def _in_helper_thread(function: Callable[[], bytes], seconds: float) -> bytes:
    deadline = time.monotonic() + seconds
    outcome = {}

    def run():
        if not _RENDER_LOCK.acquire(timeout=max(deadline - time.monotonic(), 0)):
            return
        try:
            outcome["result"] = function()
        except BaseException as error:  # handed to the waiting caller
            outcome["error"] = error
        finally:
            _RENDER_LOCK.release()

    helper = threading.Thread(target=run, name="certificate-render", daemon=True)
    helper.start()
    helper.join(seconds)
    if "error" in outcome:
        raise outcome["error"]
    if "result" not in outcome:
        raise CertificateRenderTimeout(_timeout_message(seconds))
    return outcome["result"]
