"""The learner's own pages: profile, data download, account deletion; and the
door from Wagtail's admin login to allauth's."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import AccountDeleteForm, ProfileForm
from .models import Profile
from .personal_data import account_delete, personal_data_export, registered_sections
from .selectors import profile_of
from .services import profile_update


def _profile_form(request, *, welcome: bool):
    profile = profile_of(request.user) or Profile(user=request.user)
    data = request.POST if request.method == "POST" else None
    form = ProfileForm(data, instance=profile)
    if request.method == "POST" and form.is_valid():
        profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        return redirect("progress:dashboard" if welcome else "accounts:profile")
    if request.method == "POST":
        messages.error(
            request, _("Your profile was not saved. Please correct the marked fields.")
        )
    return render(request, "accounts/profile.html", {"form": form, "welcome": welcome})


@login_required
def profile(request):
    """The MSME profile, editable any time."""
    return _profile_form(request, welcome=False)


@login_required
def welcome(request):
    """The same profile, asked for right after sign-up, with a way to skip it."""
    return _profile_form(request, welcome=True)


@login_required
def personal_data(request):
    """What "Download my data" contains, and the button that downloads it."""
    return render(
        request,
        "accounts/personal_data.html",
        {"sections": [section.key for section in registered_sections()]},
    )


@login_required
@require_POST
def personal_data_download(request):
    """The learner's data as a JSON file."""
    data = personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"ip-campus-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
def delete(request):
    """Explain what deleting the account does; delete it after the password."""
    data = request.POST if request.method == "POST" else None
    form = AccountDeleteForm(data, request=request)
    if request.method == "POST" and form.is_valid():
        account_delete(user=request.user)
        logout(request)
        messages.success(request, _("Your account was deleted."))
        return redirect("wagtail_serve", "")
    return render(request, "accounts/delete.html", {"form": form})


def admin_login(request):
    """Wagtail's login page, replaced: staff log in through allauth, which
    asks for the second factor and limits the rate of attempts."""
    next_url = request.GET.get("next") or reverse("wagtailadmin_home")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("wagtailadmin_home")
    return redirect_to_login(next_url)
