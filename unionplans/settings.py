"""Settings for UnionPlans, read from environment variables.

Development (`make run`) sets DEBUG=1 and runs on SQLite. Production sets at least
SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; see the README for the full list.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_config(url: str | None) -> dict:
    """The default database: SQLite in the project folder unless DATABASE_URL says otherwise."""
    return dj_database_url.parse(
        url or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "The SECRET_KEY environment variable is required when DEBUG is off. "
            "La variable d'environnement SECRET_KEY est requise quand DEBUG est désactivé."
        )
    SECRET_KEY = "django-insecure-development-only-key"  # noqa: S105 (DEBUG only)
elif not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    # Django's own rule for a key that signs sessions, reset links and previews.
    raise ImproperlyConfigured(
        "SECRET_KEY is too short: give at least 50 random characters, e.g. from "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`. "
        "SECRET_KEY est trop courte : donnez au moins 50 caractères aléatoires."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "unionplans.apps.UnionPlansAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tables2",
    "django_filters",
    "django_htmx",
    "csp",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "unionplans.apps.UnionPlansConfig",
    "plans",
    "vpp",
    "entraide",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "unionplans.middleware.FrenchFirstLocaleMiddleware",
    "unionplans.middleware.RefuseUnreadableInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "unionplans.sessions.IdleTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "unionplans.two_factor.TwoFactorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lock-out into its page
]

ROOT_URLCONF = "unionplans.urls"
WSGI_APPLICATION = "unionplans.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "unionplans.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": database_config(os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every app server), else in-process memory.
# CACHE_KEY_PREFIX keeps apart two installations (or test runs) sharing one Redis.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "unionplans"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The plan page's body is kept rendered (unionplans.fragments) when every process shares
# the cache: with the in-process one, a person renamed or erased in one gunicorn worker
# would stay on the pages another worker keeps.
PAGE_CACHE = env_bool("PAGE_CACHE", bool(os.environ.get("REDIS_URL")))

# Sessions live in the database so that several app servers can share them.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Shared office computers (unionplans.sessions): a session ends after this many minutes
# without a request, and closes with the browser when "public computer" is ticked at login.
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "120"))
SESSION_PUBLIC_IDLE_MINUTES = int(os.environ.get("SESSION_PUBLIC_IDLE_MINUTES", "15"))

# How long a deletion can be undone from « Éléments supprimés » (unionplans.restore).
RESTORE_DAYS = int(os.environ.get("RESTORE_DAYS", "30"))
# The issuer an authenticator app shows beside the code (unionplans.two_factor).
OTP_TOTP_ISSUER = "UnionPlans"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14  # Django's default: the idle limit ends it sooner

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "unionplans.accounts.UnlockOnPasswordChange"},  # no rule: a new password unlocks
]

# Accounts (see unionplans/accounts.py and the README's "Accounts").
AUTHENTICATION_BACKENDS = [
    "unionplans.accounts.ThrottlingBackend",  # django-axes' AxesStandaloneBackend
    "unionplans.accounts.MembershipRightsBackend",  # Django's, without model permissions
]
# Login throttling: 5 failures on a username, from wherever, lock it for 15 minutes
# (/connexion/ and /admin/login/ alike); a success clears the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
# By username alone: spreading guesses over many addresses gains nothing, and one office
# behind one address is not locked out by a colleague's typos. axes.W006 warns about
# rotating user agents or cookies, which only matters when those are parameters.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the time the page gives holds
AXES_LOCKOUT_CALLABLE = "unionplans.accounts.lockout_response"
AXES_CLIENT_IP_CALLABLE = "unionplans.accounts.client_ip"
AXES_DISABLE_ACCESS_LOG = True  # failures are kept (and shown in the admin), not every login
AXES_VERBOSE = False
# Each failure records the request's GET and POST data: never a `next` (an invitation's
# page never puts its secret there, see unionplans/invitation_views.py; this is the belt).
AXES_SENSITIVE_PARAMETERS = ["next"]
# Behind a proxy that appends the client's address to X-Forwarded-For (off: REMOTE_ADDR).
USE_X_FORWARDED_FOR = env_bool("USE_X_FORWARDED_FOR")
# « Mot de passe oublié »: at most this many links an hour per address and per client.
PASSWORD_RESET_LIMIT_PER_EMAIL = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_EMAIL", "5"))
PASSWORD_RESET_LIMIT_PER_IP = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_IP", "20"))
PASSWORD_RESET_LIMIT_WINDOW = 3600
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "fr-ca"
LANGUAGES = [("fr-ca", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# French times « 14 h 35 » (unionplans/formats/fr/formats.py).
FORMAT_MODULE_PATH = ["unionplans.formats"]
TIME_ZONE = "America/Montreal"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# A filter's empty choice in words, not django-filter's `---------`.
FILTERS_EMPTY_CHOICE_LABEL = pgettext_lazy("empty choice", "(all)")
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/cards.html"

# E-mail: SMTP when EMAIL_HOST is set; else printed on the console in development, and in
# production neither sent nor logged (a reset link in a log opens the account; see mail.py).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "unionplans.mail.NotConfiguredBackend"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "UnionPlans <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# HTTPS hardening, on whenever DEBUG is off (see `manage.py check --deploy`).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]  # load balancers probe over plain HTTP
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
# Both bind every subdomain for a year or more and are hard to undo: opt in knowingly.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
if env_bool("SECURE_PROXY_SSL_HEADER"):
    # Behind a load balancer that terminates TLS and sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): scripts and styles only from our own static files,
# never inline (no <script> body, no style="" attribute, no on...= handler); Bootstrap's
# CSS draws its icons (toggler, select arrow, close button) as data: SVG images. The PDFs
# (WeasyPrint) are no page and are unaffected. docs/SECURITY.md says what proves it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Every uploaded file is refused past unionplans.importing.MAX_UPLOAD, before it is kept.
FILE_UPLOAD_HANDLERS = [
    "unionplans.importing.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# The language switcher's cookie, as safe as the session's.
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Background work (Celery): a broker when CELERY_BROKER_URL is set (Redis or RabbitMQ), and
# workers and beat run beside the web servers; without one, every task runs at once in the
# process that asks for it, so `make run` needs nothing else (see unionplans/celery.py).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TIMEZONE = "America/Montreal"
CELERY_TASK_ACKS_LATE = True  # a worker that dies mid-task leaves it to another
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # several workers share a burst of reminders evenly
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    # At 7:00, plan the day's reminders (and the weekly digest on Mondays) and send them.
    "reminders": {"task": "unionplans.tasks.send_reminders",
                  "schedule": crontab(hour=7, minute=0)},
    # Retry what failed (after its back-off) and what a dead worker left.
    "reminder-retries": {"task": "unionplans.tasks.retry_reminders",
                         "schedule": timedelta(minutes=15)},
    # At 3:30, delete what has outlived its use (unionplans/retention.py).
    "purge": {"task": "unionplans.tasks.purge_old_records",
              "schedule": crontab(hour=3, minute=30)},
}
# Days kept: a submission's receipt, a reminder's sent-log row (never fewer than the
# planner reads), a notification (unionplans/retention.py); at least a day, so that a
# mistaken 0 does not delete what was just made.
RECEIPT_DAYS = max(1, int(os.environ.get("RECEIPT_DAYS", "30")))
SENT_LOG_DAYS = max(1, int(os.environ.get("SENT_LOG_DAYS", "180")))
NOTIFICATION_DAYS = max(1, int(os.environ.get("NOTIFICATION_DAYS", "90")))
# The address the links of reminders start with (no request to build them from).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# PDF documents are cached by object version; a day is plenty, versions change the key.
PDF_CACHE_TIMEOUT = int(os.environ.get("PDF_CACHE_TIMEOUT", "86400"))
# Above this many rows (a plan's actions, steps, follow-ups…; a dossier's events and
# tasks…), a PDF is rendered by a Celery worker, never in the web request (when a broker is
# configured): a 300-row plan takes about 4 s of CPU, a 500-action one 34 s.
PDF_BACKGROUND_ROWS = int(os.environ.get("PDF_BACKGROUND_ROWS", "300"))
# How long one render may hold its lock (so that a dead worker's lock ends), and how often
# the « being prepared » page reloads itself.
PDF_RENDER_LOCK_SECONDS = int(os.environ.get("PDF_RENDER_LOCK_SECONDS", "600"))
PDF_REFRESH_SECONDS = 5

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint logs every refused URL; we refuse on purpose (see unionplans/pdf.py).
        "weasyprint": {"level": "ERROR"},
        # django-axes logs every login at INFO; failures and lock-outs are warnings.
        "axes": {"level": "WARNING"},
    },
}
