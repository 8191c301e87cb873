"""Settings shared by every environment; dev, test and production refine them.

Configuration comes from environment variables only (see README.md).
"""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .environment import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The public address of the site, used in emails, QR codes and calendar invitations.
SITE_BASE_URL = env_str("SITE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
WAGTAIL_SITE_NAME = "IP Campus"

INSTALLED_APPS = [
    # modeltranslation patches Wagtail's page models and overrides the
    # migrate/makemigrations commands, so it loads before the apps it patches.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    "courses",
    "lms.core",
    "lms.quizzes",
    "lms.accounts",
    "lms.progress",
    "lms.certificates",
    "lms.webinars",
    "polymorphic",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_countries",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "lms.accounts.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"
ASGI_APPLICATION = "lms.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite in the project unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes; IMMEDIATE
    # transactions make writers queue instead of failing with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL full-text search indexes (GIN) need the contrib app.
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by all app servers), else local memory.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ipcampus",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background tasks: Django's task framework; Wagtail 8 enqueues on it too.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Email through Django's mailers.
EMAIL_SUBJECT_PREFIX = "[IP Campus] "
ACCOUNT_EMAIL_SUBJECT_PREFIX = EMAIL_SUBJECT_PREFIX
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "IP Campus <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MAILERS = {
    "default": {
        "BACKEND": env_str(
            "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
        ),
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": 20,
        },
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "progress:dashboard"

# Accounts: django-allauth for sign-up, login and passwords; allauth.mfa for
# staff two-factor authentication (lms.accounts.middleware enforces it).
ACCOUNT_ADAPTER = "lms.accounts.adapter.AccountAdapter"
# Learners log in with their email address; the demo and staff accounts
# created by hand also with their username.
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Following the link shows a button: mail scanners that open links confirm nothing.
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Tell people by email when their password, addresses or two factors change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# A sign-up with an address already registered is refused with allauth's
# translated error, instead of a pretend "verification sent": people are told
# plainly what went wrong. This tells a visitor that an address has an
# account; the sign-up rate limit below keeps that from being done in bulk.
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# A logged-in learner sent to the login page (by Wagtail, for the admin she
# may not use) sees the form and the reason, instead of bouncing back.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
# allauth counts attempts in the cache (Redis in production, so shared by
# every app server): 5 failed logins per account in 5 minutes, 10 per minute
# from one address. These are allauth's defaults, written out to be tuned here.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
    "manage_email": "10/m/user",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "IP Campus"
# Wagtail's login page would skip the second factor and the rate limits:
# /admin/login/ sends people to allauth's instead, as do the admin's
# "please log in" redirects.
WAGTAILADMIN_LOGIN_URL = "account_login"
# One password reset, allauth's (rate limited, translated), not Wagtail's too.
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Languages: URLs carry the prefix; Arabic is right-to-left.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("zh-hans", _("Simplified Chinese")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# Field-level translation: an empty translation falls back to English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
WAGTAILMODELTRANSLATION_LOCALE_PICKER = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static files through whitenoise, media on disk or on S3-compatible storage.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
AWS_STORAGE_BUCKET_NAME = env_str("MEDIA_S3_BUCKET")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env_str("MEDIA_S3_ENDPOINT_URL")
    AWS_S3_REGION_NAME = env_str("MEDIA_S3_REGION")
    AWS_ACCESS_KEY_ID = env_str("MEDIA_S3_ACCESS_KEY_ID")
    AWS_SECRET_ACCESS_KEY = env_str("MEDIA_S3_SECRET_ACCESS_KEY")
    AWS_S3_CUSTOM_DOMAIN = env_str("MEDIA_S3_CUSTOM_DOMAIN")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False

# Search: Wagtail's database backend (full-text search on PostgreSQL).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea"}
}

# Certificates: lookups on the public verification page per client address
# (a bound on guessing codes), and the PDF variant (None, or "pdf/a-3b" for
# archival copies).
CERTIFICATE_VERIFY_RATE_LIMIT = env_int("CERTIFICATE_VERIFY_RATE_LIMIT", 30)
CERTIFICATE_VERIFY_RATE_PERIOD = 60
CERTIFICATE_PDF_VARIANT = env_str("CERTIFICATE_PDF_VARIANT") or None
# Wall-clock bound on one WeasyPrint render.
CERTIFICATE_RENDER_SECONDS = env_int("CERTIFICATE_RENDER_SECONDS", 30)

# Course packages (directory names in courses/content) that load_demo installs;
# None installs them all.
DEMO_COURSE_PACKAGES = None

# Anonymous pages may be cached by browsers and shared caches, per URL (and
# so per language, since every URL carries its language prefix).
ANONYMOUS_PAGE_MAX_AGE = env_int("ANONYMOUS_PAGE_MAX_AGE", 300)

# Content Security Policy, Django's built-in middleware: nothing from elsewhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-src": [
        CSP.SELF,
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
}
ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "frame-src": [CSP.SELF],
}
# No third-party avatar service: staff avatars are uploaded or initials.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint logs each layout step at INFO.
        "weasyprint.progress": {"level": "WARNING"},
    },
}
