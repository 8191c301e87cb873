"""Admin: import questions from a GIFT or Moodle XML file, after a preview.

The admin twin of the import_gift and import_moodle_xml commands: the same
parsers, the same all-or-nothing service, the same messages. Uploading only
parses and shows what would be imported; the file then travels to the
confirmation signed, inside the page, so nothing is stored on the server
between the two steps and nothing is imported that was not previewed.
"""

import base64
import json
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy

from lms.core.uploads import upload_size_check
from lms.quizzes.formats.gift import gift_parse
from lms.quizzes.formats.moodle_xml import moodle_xml_parse
from lms.quizzes.formats.schema import KINDS, ImportProblem, ParseResult
from lms.quizzes.models import Question, QuestionBank
from lms.quizzes.services import QuestionImportError, questions_import

MAX_FILE_SIZE = 2 * 1024 * 1024
#: How long a preview can be confirmed; after that the file is uploaded again.
PREVIEW_MAX_AGE = timedelta(hours=8)
PROMPT_EXCERPT_LENGTH = 120
SIGNING_SALT = "lms.quizzes.admin.imports"
#: Room left in a confirmation request for the CSRF token and field names.
REQUEST_MARGIN = 4096

FORM_TEMPLATE = "quizzes/admin/import_form.html"
PREVIEW_TEMPLATE = "quizzes/admin/import_preview.html"

permission_policy = ModelPermissionPolicy(Question)


# Formats ------------------------------------------------------------------


def _gift_parse(data: bytes) -> ParseResult:
    """GIFT is text: decode it as import_gift does, and report what is not text.

    The command stops with a traceback on such a file; a trainer gets a
    problem in the preview instead.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problem = _(
            "The file is not UTF-8 text: save it with the UTF-8 encoding"
            " and upload it again."
        )
        return ParseResult(problems=[ImportProblem(0, problem)])
    return gift_parse(text)


@dataclass(frozen=True)
class ImportFormat:
    """A file format trainers can import: its name, file extensions and parser."""

    label: str
    extensions: tuple[str, ...]
    parse: Callable[[bytes], ParseResult]
    #: What the numbers in the preview count, when they are not plain lines.
    numbering_help: str = ""


FORMATS = {
    "gift": ImportFormat(gettext_lazy("GIFT"), (".gift", ".txt"), _gift_parse),
    "moodle_xml": ImportFormat(
        gettext_lazy("Moodle XML"),
        (".xml",),
        moodle_xml_parse,
        gettext_lazy(
            "In a Moodle XML file, the number given for a question is its"
            " position among the file's <question> elements, categories"
            " included; for an error in the XML itself, it is the line."
        ),
    ),
}
EXTENSION_FORMATS = {
    extension: key
    for key, file_format in FORMATS.items()
    for extension in file_format.extensions
}


def format_for_filename(filename: str) -> str | None:
    """The format a file's extension announces, or None if it says nothing."""
    return EXTENSION_FORMATS.get(PurePath(filename).suffix.lower())


# The file between preview and confirmation --------------------------------


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SIGNING_SALT)


@dataclass(frozen=True)
class Upload:
    """An uploaded file with what to do with it: its format and target bank."""

    format: str
    bank_name: str
    filename: str
    data: bytes

    def parse(self) -> ParseResult:
        return FORMATS[self.format].parse(self.data)

    def sign(self) -> str:
        """The upload as a signed token for a hidden field.

        The file's bytes are compressed as they are, not as JSON text, so a
        2 MB file still fits in a request Django accepts.
        """
        header = json.dumps([self.format, self.bank_name, self.filename])
        packed = zlib.compress(header.encode() + b"\n" + self.data, level=9)
        return _signer().sign(base64.urlsafe_b64encode(packed).decode("ascii"))

    @classmethod
    def unsign(cls, token: str) -> "Upload":
        """The upload a token carries; raises signing.BadSignature if it was
        changed, and signing.SignatureExpired (a BadSignature) if too old."""
        packed = _signer().unsign(token, max_age=PREVIEW_MAX_AGE)
        unpacked = zlib.decompress(base64.urlsafe_b64decode(packed))
        header, _newline, data = unpacked.partition(b"\n")
        format_key, bank_name, filename = json.loads(header)
        return cls(format=format_key, bank_name=bank_name, filename=filename, data=data)


def fits_in_a_request(token: str) -> bool:
    """Whether the confirmation can carry the token: Django refuses bigger
    form data with a bare "400 Bad Request"."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return limit is None or len(token) + REQUEST_MARGIN <= limit


# What the preview shows ---------------------------------------------------


def type_label(kind: str) -> str:
    return Question.type_for_kind(kind).type_label


def counts_by_type(counts: Counter) -> list[tuple[str, int]]:
    """(type label, count) pairs in the schema's order of kinds."""
    return [(type_label(kind), counts[kind]) for kind in KINDS if counts[kind]]


@dataclass(frozen=True)
class PreviewRow:
    line: int
    type: str
    name: str
    excerpt: str


@dataclass
class Preview:
    """What importing an upload would do, computed without touching the database."""

    upload: Upload
    result: ParseResult

    @cached_property
    def problems(self) -> list[ImportProblem]:
        """The parser's problems; for a file without any question, the one
        questions_import would raise, so the preview does not promise an import."""
        if self.result.problems or self.result.questions:
            return self.result.problems
        return [ImportProblem(0, _("The file holds no question."))]

    @property
    def can_import(self) -> bool:
        return not self.problems

    @property
    def format(self) -> ImportFormat:
        return FORMATS[self.upload.format]

    @cached_property
    def new_bank(self) -> bool:
        return not QuestionBank.objects.filter(name=self.upload.bank_name).exists()

    @cached_property
    def counts(self) -> list[tuple[str, int]]:
        return counts_by_type(Counter(q.kind for q in self.result.questions))

    @cached_property
    def rows(self) -> list[PreviewRow]:
        return [
            PreviewRow(q.line, type_label(q.kind), q.name, _excerpt(q.prompt))
            for q in self.result.questions
        ]


def _excerpt(prompt: str) -> str:
    if len(prompt) <= PROMPT_EXCERPT_LENGTH:
        return prompt
    return prompt[:PROMPT_EXCERPT_LENGTH] + "…"


def success_message(bank_name: str, counts: Counter) -> str:
    """The import_gift summary, on one line."""
    summary = _("Imported %(total)d questions into %(bank)s:") % {
        "total": sum(counts.values()),
        "bank": bank_name,
    }
    details = ", ".join(f"{label}: {count}" for label, count in counts_by_type(counts))
    return f"{summary} {details}"


# Forms --------------------------------------------------------------------


class ImportForm(forms.Form):
    """The file, its format (guessed from its name) and the bank to fill."""

    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "A GIFT (.gift, .txt) or Moodle XML (.xml) file of at most 2 MB."
        ),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        required=False,
        choices=[
            ("", gettext_lazy("From the file extension")),
            *((key, file_format.label) for key, file_format in FORMATS.items()),
        ],
    )
    bank = forms.ModelChoiceField(
        label=gettext_lazy("Existing bank"),
        queryset=QuestionBank.objects.all(),
        required=False,
        empty_label=gettext_lazy("None: create a new bank"),
    )
    new_bank = forms.CharField(
        label=gettext_lazy("New bank name"),
        max_length=QuestionBank._meta.get_field("name").max_length,
        required=False,
        help_text=gettext_lazy(
            "Only when no existing bank is chosen; it is created when you confirm."
        ),
    )

    def clean_file(self):
        return upload_size_check(self.cleaned_data["file"], MAX_FILE_SIZE)

    def clean(self):
        cleaned = super().clean()
        self._clean_format(cleaned)
        self._clean_bank(cleaned)
        return cleaned

    def _clean_format(self, cleaned) -> None:
        """Take the format from the file's extension when none is chosen."""
        file = cleaned.get("file")
        if cleaned.get("format") or not file:
            return
        cleaned["format"] = format_for_filename(file.name)
        if not cleaned["format"]:
            self.add_error(
                "format",
                _("Choose the format: the file name does not end in %(extensions)s.")
                % {"extensions": ", ".join(EXTENSION_FORMATS)},
            )

    def _clean_bank(self, cleaned) -> None:
        """Exactly one of an existing bank and a new, unused name."""
        if "bank" not in cleaned or "new_bank" not in cleaned:
            return  # an unknown bank or too long a name, already reported
        bank, new_bank = cleaned["bank"], cleaned["new_bank"]
        if bank and new_bank:
            self.add_error(
                "new_bank",
                _("Leave this empty when you choose an existing bank."),
            )
        elif bank:
            cleaned["bank_name"] = bank.name
        elif not new_bank:
            self.add_error(
                "bank", _("Choose a bank, or type the name of a new bank below.")
            )
        elif QuestionBank.objects.filter(name__iexact=new_bank).exists():
            self.add_error(
                "new_bank",
                _("A bank named “%(name)s” already exists: choose it in the list.")
                % {"name": new_bank},
            )
        else:
            cleaned["bank_name"] = new_bank

    def upload(self) -> Upload:
        file = self.cleaned_data["file"]
        return Upload(
            format=self.cleaned_data["format"],
            bank_name=self.cleaned_data["bank_name"],
            filename=PurePath(file.name).name,
            data=file.read(),
        )


class ConfirmForm(forms.Form):
    """The signed upload a preview page sends back."""

    payload = forms.CharField(widget=forms.HiddenInput)

    def clean_payload(self) -> Upload:
        try:
            return Upload.unsign(self.cleaned_data["payload"])
        except signing.SignatureExpired:
            raise ValidationError(
                _("This preview is too old to be confirmed: upload the file again."),
                code="expired",
            ) from None
        except signing.BadSignature:
            raise ValidationError(
                _(
                    "The import was refused: the data sent with the confirmation"
                    " is not the previewed file. Upload the file again."
                ),
                code="tampered",
            ) from None


# Views --------------------------------------------------------------------


class ImportAdminView(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """What the upload and the confirmation share: access, title, preview page."""

    permission_policy = permission_policy
    permission_required = "add"
    page_title = gettext_lazy("Import questions")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quizzes_import"), "label": self.page_title},
        ]

    def render_preview(self, preview: Preview, payload: str = ""):
        context = self.get_context_data(
            preview=preview, form=ConfirmForm(initial={"payload": payload})
        )
        return TemplateResponse(self.request, PREVIEW_TEMPLATE, context)


class ImportView(ImportAdminView, FormView):
    """Upload a file and see its preview; nothing is written."""

    template_name = FORM_TEMPLATE
    form_class = ImportForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=reverse("quizzes_import"),
            submit_button_label=_("Preview"),
            submit_button_active_label=_("Reading the file…"),
            extension_formats=EXTENSION_FORMATS,
            **kwargs,
        )

    def form_valid(self, form):
        upload = form.upload()
        preview = Preview(upload, upload.parse())
        payload = upload.sign() if preview.can_import else ""
        if not fits_in_a_request(payload):
            form.add_error(
                "file",
                _(
                    "This file is too big to be confirmed from the admin:"
                    " split it into smaller files."
                ),
            )
            return self.form_invalid(form)
        return self.render_preview(preview, payload)


class ConfirmImportView(ImportAdminView, View):
    """Import the previewed file, parsed again from the signed payload."""

    http_method_names = ["post"]

    def post(self, request):
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            for error in form.errors["payload"]:
                messages.error(request, error)
            return redirect("quizzes_import")
        upload = form.cleaned_data["payload"]
        result = upload.parse()
        try:
            counts = questions_import(bank_name=upload.bank_name, result=result)
        except QuestionImportError as error:
            # Problems only the models find (the preview parses, it does not
            # validate rows): show them as the preview shows the parser's.
            refused = replace(result, problems=error.problems)
            return self.render_preview(Preview(upload, refused))
        messages.success(request, success_message(upload.bank_name, counts))
        return redirect("quizzes_import")


# Registration -------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("quizzes/import/", ImportView.as_view(), name="quizzes_import"),
        path(
            "quizzes/import/confirm/",
            ConfirmImportView.as_view(),
            name="quizzes_import_confirm",
        ),
    ]
