"""Public verification of certificates, and the holder's download.

Verification needs no account and shows only what the certificate states:
holder, course, date, issuing organisation and status. Lookups are rate
limited per client so that codes cannot be enumerated.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from lms.core.ratelimit import rate_limited

from .codes import code_normalise
from .forms import VerifyForm
from .models import Certificate
from .services import certificate_pdf_ensure


def _noindex(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _too_many(request):
    response = render(
        request,
        "certificates/verify.html",
        {"form": VerifyForm(), "too_many": True},
        status=429,
    )
    response["Retry-After"] = str(settings.CERTIFICATE_VERIFY_RATE_PERIOD)
    return _noindex(response)


def _limited(request) -> bool:
    return rate_limited(
        request,
        scope="certificate-verify",
        limit=settings.CERTIFICATE_VERIFY_RATE_LIMIT,
        period=settings.CERTIFICATE_VERIFY_RATE_PERIOD,
    )


@never_cache
def verify(request):
    """The form: type a code, see the certificate."""
    form = VerifyForm(request.GET or None)
    if request.GET:
        if _limited(request):
            return _too_many(request)
        if form.is_valid():
            return redirect("certificates:verify_code", code=form.cleaned_data["code"])
    return _noindex(render(request, "certificates/verify.html", {"form": form}))


@never_cache
def verify_code(request, code):
    """What a certificate states, or a clear "no certificate has this code"."""
    if _limited(request):
        return _too_many(request)
    canonical = code_normalise(code)
    if canonical is not None and canonical != code:
        return redirect("certificates:verify_code", code=canonical)
    certificate = (
        Certificate.objects.filter(code=canonical).first() if canonical else None
    )
    context = {
        "form": VerifyForm(initial={"code": code}),
        "certificate": certificate,
        "code": code,
    }
    status = 200 if certificate is not None else 404
    return _noindex(
        render(request, "certificates/verify_result.html", context, status=status)
    )


@never_cache
@login_required
def download(request, code):
    """The holder's PDF, rendered now if the stored one is missing or stale."""
    certificate = get_object_or_404(Certificate, code=code, user=request.user)
    try:
        certificate = certificate_pdf_ensure(certificate=certificate)
    except ValidationError:
        raise Http404(_("A revoked certificate cannot be downloaded.")) from None
    return _noindex(certificate_pdf_response(certificate))


def certificate_pdf_response(certificate: Certificate) -> FileResponse:
    """The stored PDF as a private download (holder's page and admin alike)."""
    response = FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"certificate-{certificate.code}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
