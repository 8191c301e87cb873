"""URLs: the admin and health check without prefix, everything public per language."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.decorators.csp import csp_override
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from courses import views as course_views
from lms.accounts import views as account_views
from lms.core import views as core_views

# Wagtail's admin still runs a few inline scripts, so it gets its own, looser
# policy; the public site keeps the strict one from settings.
decorate_urlpatterns(wagtailadmin_urls.urlpatterns, csp_override(settings.ADMIN_CSP))

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    # Staff log in through allauth (two factors, rate limits), not Wagtail.
    path("admin/login/", account_views.admin_login),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", course_views.search, name="search"),
    path("quizzes/", include("lms.quizzes.urls")),
    path("accounts/", include("lms.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("lms.certificates.urls")),
    path("learning/", include("lms.progress.urls")),
    path("webinars/", include("lms.webinars.urls")),
    # Wagtail's catch-all comes last: every other path is a page.
    path("", include(wagtail_urls)),
)
