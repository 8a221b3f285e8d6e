"""Django settings for Folio. Every value comes from an environment variable (see .env.example)."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

from folio.core.environment import (
    ConfigurationError,
    env_bool,
    env_int,
    env_list,
    env_path,
    env_str,
)

PACKAGE_DIR = Path(__file__).resolve().parent

# "development" (the default, also the demo), "test" or "production".
FOLIO_ENV = env_str("FOLIO_ENV", "development")
if FOLIO_ENV not in {"development", "test", "production"}:
    raise ConfigurationError("FOLIO_ENV must be development, test or production")
IS_PRODUCTION = FOLIO_ENV == "production"

DEBUG = env_bool("FOLIO_DEBUG", default=FOLIO_ENV == "development")

FOLIO_DATA_DIR = env_path("FOLIO_DATA_DIR", Path.cwd() / "var")

SECRET_KEY = env_str("FOLIO_SECRET_KEY")
if not SECRET_KEY:
    if IS_PRODUCTION:
        raise ConfigurationError("FOLIO_SECRET_KEY is required when FOLIO_ENV=production")
    # Development and tests only: a fixed, clearly non-secret key.
    SECRET_KEY = "folio-insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("FOLIO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("FOLIO_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("FOLIO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "folio.core",
    "folio.tenancy",
    "folio.customers",
    "folio.documents",
    "folio.delivery",
    "folio.channels",
    "folio.registries",
    "folio.sandbox",
    "folio.sender_portal",
    "folio.recipient_portal",
    "folio.backoffice",
    "folio.api",
    "folio.ingestion",
    "folio.rendering",
    "folio.servicedesk",
    "folio.payments",
    "folio.collections",
    "folio.webhooks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "folio.sender_portal.second_factor.SecondFactorMiddleware",
    "folio.sender_portal.session_records.SessionRecordMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "folio.urls"
WSGI_APPLICATION = "folio.wsgi.application"
ASGI_APPLICATION = "folio.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

# SQLite in the data folder by default; PostgreSQL through DATABASE_URL.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("FOLIO_DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": FOLIO_DATA_DIR / "folio.sqlite3",
            # Kept open like PostgreSQL's: a worker reopening the file (and replaying the WAL
            # pragmas) for every task costs more than the task's own queries.
            "CONN_MAX_AGE": env_int("FOLIO_DB_CONN_MAX_AGE", 60),
            # WAL and a busy timeout let the web process, workers and the scheduler share the file.
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "sender_portal:login"
LOGIN_REDIRECT_URL = "sender_portal:home"
LOGOUT_REDIRECT_URL = "landing"

# Lock an account and IP pair out after repeated failures (django-axes).
AXES_FAILURE_LIMIT = env_int("FOLIO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("FOLIO_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_ENABLED = env_bool("FOLIO_LOGIN_LOCKOUT", True)
# Administrators must sign in with a TOTP code (enrolling an authenticator on first sign-in).
FOLIO_ADMIN_TWO_FACTOR = env_bool("FOLIO_ADMIN_TWO_FACTOR", True)

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("nb", _("Norwegian Bokmål")),
    ("sv", _("Swedish")),
    ("da", _("Danish")),
    ("de", _("German")),
    ("sk", _("Slovak")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("FOLIO_TIME_ZONE", "Europe/Oslo")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = FOLIO_DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = FOLIO_DATA_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not IS_PRODUCTION
# Source maps (the API docs' bundles ship megabytes of them) serve browser devtools only:
# compressing them would triple the time collectstatic takes.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

# Background work: Django's Tasks API with the database backend (`folio worker`).
TASKS = {
    "default": {
        "BACKEND": env_str("FOLIO_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "delivery", "ingestion", "webhooks"],
    }
}
# A worker whose last heartbeat is older than this is reported unhealthy by /healthz.
FOLIO_WORKER_HEARTBEAT_MAX_AGE = env_int("FOLIO_WORKER_HEARTBEAT_MAX_AGE", 180)
# `folio serve` (gunicorn): address to listen on, worker processes, seconds per request.
FOLIO_BIND = env_str("FOLIO_BIND", "127.0.0.1:8000")
FOLIO_WEB_WORKERS = env_int("FOLIO_WEB_WORKERS", 3)
FOLIO_WEB_TIMEOUT = env_int("FOLIO_WEB_TIMEOUT", 30)

# Outgoing e-mail (operator settings); the console backend in development.
EMAIL_BACKEND = env_str(
    "FOLIO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if IS_PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("FOLIO_SMTP_HOST", "localhost")
EMAIL_PORT = env_int("FOLIO_SMTP_PORT", 25)
EMAIL_HOST_USER = env_str("FOLIO_SMTP_USER")
EMAIL_HOST_PASSWORD = env_str("FOLIO_SMTP_PASSWORD")
EMAIL_USE_TLS = env_bool("FOLIO_SMTP_STARTTLS", False)
EMAIL_USE_SSL = env_bool("FOLIO_SMTP_SSL", False)
EMAIL_TIMEOUT = env_int("FOLIO_SMTP_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("FOLIO_FROM_EMAIL", "Folio <no-reply@folio.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Delivery (issue 5): dispatch, links in messages, bounces, print and Peppol hand-over.
FOLIO_DELIVERY_LEASE_SECONDS = env_int("FOLIO_DELIVERY_LEASE_SECONDS", 300)
# Deliveries one dispatch job claims and sends together (its own and other due ones).
FOLIO_DELIVERY_CLAIM_BATCH = env_int("FOLIO_DELIVERY_CLAIM_BATCH", 20)
FOLIO_DELIVERY_MAX_ATTEMPTS = env_int("FOLIO_DELIVERY_MAX_ATTEMPTS", 8)
FOLIO_DELIVERY_RETRY_BASE_SECONDS = env_int("FOLIO_DELIVERY_RETRY_BASE_SECONDS", 60)
FOLIO_DELIVERY_RETRY_MAX_SECONDS = env_int("FOLIO_DELIVERY_RETRY_MAX_SECONDS", 3600)
FOLIO_DELIVERY_LINK_DAYS = env_int("FOLIO_DELIVERY_LINK_DAYS", 180)
# Envelope sender of outgoing mail; bounces come back to local+<message key>@domain.
FOLIO_BOUNCE_ADDRESS = env_str("FOLIO_BOUNCE_ADDRESS", "bounces@folio.localhost")
FOLIO_BOUNCE_WEBHOOK_SECRET = env_str("FOLIO_BOUNCE_WEBHOOK_SECRET")
FOLIO_PRINT_DROP_DIR = env_path("FOLIO_PRINT_DROP_DIR", FOLIO_DATA_DIR / "print" / "outbox")
FOLIO_PRINT_STATUS_DIR = env_path("FOLIO_PRINT_STATUS_DIR", FOLIO_DATA_DIR / "print" / "status")
FOLIO_PRINT_BATCH_HOUR = env_int("FOLIO_PRINT_BATCH_HOUR", 16)
# Print batches by `folder` (the two folders above) or `sftp` (the print partner's SFTP server).
FOLIO_PRINT_TRANSPORT = env_str("FOLIO_PRINT_TRANSPORT", "folder")
if FOLIO_PRINT_TRANSPORT not in {"folder", "sftp"}:
    raise ConfigurationError("FOLIO_PRINT_TRANSPORT must be folder or sftp")
FOLIO_PRINT_SFTP_HOST = env_str("FOLIO_PRINT_SFTP_HOST")
FOLIO_PRINT_SFTP_PORT = env_int("FOLIO_PRINT_SFTP_PORT", 22)
FOLIO_PRINT_SFTP_USER = env_str("FOLIO_PRINT_SFTP_USER")
FOLIO_PRINT_SFTP_PASSWORD = env_str("FOLIO_PRINT_SFTP_PASSWORD")
FOLIO_PRINT_SFTP_KEY_FILE = env_str("FOLIO_PRINT_SFTP_KEY_FILE")
FOLIO_PRINT_SFTP_KNOWN_HOSTS = env_str("FOLIO_PRINT_SFTP_KNOWN_HOSTS")
FOLIO_PRINT_SFTP_OUTBOX = env_str("FOLIO_PRINT_SFTP_OUTBOX", "/batches")
FOLIO_PRINT_SFTP_INBOX = env_str("FOLIO_PRINT_SFTP_INBOX", "/status")
# "http" (an access point API in the style of phase4's /sendsbdh) or "folder" (Oxalis-style).
FOLIO_PEPPOL_TRANSPORT = env_str("FOLIO_PEPPOL_TRANSPORT", "http")
FOLIO_PEPPOL_AP_URL = env_str("FOLIO_PEPPOL_AP_URL", "http://127.0.0.1:8125").rstrip("/")
FOLIO_PEPPOL_AP_TOKEN = env_str("FOLIO_PEPPOL_AP_TOKEN")
FOLIO_PEPPOL_OUTBOX_DIR = env_path("FOLIO_PEPPOL_OUTBOX_DIR", FOLIO_DATA_DIR / "peppol" / "outbox")
FOLIO_PEPPOL_INBOX_DIR = env_path("FOLIO_PEPPOL_INBOX_DIR", FOLIO_DATA_DIR / "peppol" / "inbox")
FOLIO_PEPPOL_SMP_URL = env_str("FOLIO_PEPPOL_SMP_URL", "http://127.0.0.1:8125/smp").rstrip("/")
FOLIO_PEPPOL_LOOKUP_MAX_AGE = env_int("FOLIO_PEPPOL_LOOKUP_MAX_AGE", 60 * 60 * 24)
# How a participant's SMP is found: "smp" (always FOLIO_PEPPOL_SMP_URL) or "sml" (the Peppol
# SML's DNS: U-NAPTR `Meta:SMP`, then the legacy B-<md5> name, in FOLIO_PEPPOL_SML_ZONE).
FOLIO_PEPPOL_DISCOVERY = env_str("FOLIO_PEPPOL_DISCOVERY", "smp")
if FOLIO_PEPPOL_DISCOVERY not in {"smp", "sml"}:
    raise ConfigurationError("FOLIO_PEPPOL_DISCOVERY must be smp or sml")
FOLIO_PEPPOL_SML_ZONE = env_str("FOLIO_PEPPOL_SML_ZONE", "edelivery.tech.ec.europa.eu")
# DNS servers for the SML lookup (host or host:port); empty: the system's resolvers.
FOLIO_PEPPOL_DNS_SERVERS = env_list("FOLIO_PEPPOL_DNS_SERVERS")
FOLIO_PEPPOL_DNS_TIMEOUT = env_int("FOLIO_PEPPOL_DNS_TIMEOUT", 5)

# Nordic channels (eFaktura, AvtaleGiro, Kivra, Swedish bank e-faktura): what a registry said
# is re-checked before sending when older than FOLIO_REGISTRY_MAX_AGE seconds.
FOLIO_REGISTRY_MAX_AGE = env_int("FOLIO_REGISTRY_MAX_AGE", 60 * 60 * 24)
FOLIO_EFAKTURA_URL = env_str("FOLIO_EFAKTURA_URL", "http://127.0.0.1:8126").rstrip("/")
FOLIO_EFAKTURA_TOKEN = env_str("FOLIO_EFAKTURA_TOKEN")
FOLIO_EFAKTURA_DETAILS_DAYS = env_int("FOLIO_EFAKTURA_DETAILS_DAYS", 90)
FOLIO_NETS_OUTBOX_DIR = env_path("FOLIO_NETS_OUTBOX_DIR", FOLIO_DATA_DIR / "nets" / "outbox")
FOLIO_NETS_INBOX_DIR = env_path("FOLIO_NETS_INBOX_DIR", FOLIO_DATA_DIR / "nets" / "inbox")
# Nets files by `folder` (the two folders above) or `sftp` (Nets' SFTP server; paramiko).
FOLIO_NETS_TRANSPORT = env_str("FOLIO_NETS_TRANSPORT", "folder")
if FOLIO_NETS_TRANSPORT not in {"folder", "sftp"}:
    raise ConfigurationError("FOLIO_NETS_TRANSPORT must be folder or sftp")
FOLIO_NETS_SFTP_HOST = env_str("FOLIO_NETS_SFTP_HOST")
FOLIO_NETS_SFTP_PORT = env_int("FOLIO_NETS_SFTP_PORT", 22)
FOLIO_NETS_SFTP_USER = env_str("FOLIO_NETS_SFTP_USER")
FOLIO_NETS_SFTP_PASSWORD = env_str("FOLIO_NETS_SFTP_PASSWORD")
FOLIO_NETS_SFTP_KEY_FILE = env_str("FOLIO_NETS_SFTP_KEY_FILE")
FOLIO_NETS_SFTP_KNOWN_HOSTS = env_str("FOLIO_NETS_SFTP_KNOWN_HOSTS")
FOLIO_NETS_SFTP_OUTBOX = env_str("FOLIO_NETS_SFTP_OUTBOX", "/inbound")
FOLIO_NETS_SFTP_INBOX = env_str("FOLIO_NETS_SFTP_INBOX", "/outbound")
FOLIO_KIVRA_URL = env_str("FOLIO_KIVRA_URL", "http://127.0.0.1:8127").rstrip("/")
FOLIO_KIVRA_CLIENT_ID = env_str("FOLIO_KIVRA_CLIENT_ID", "folio-sandbox")
FOLIO_KIVRA_CLIENT_SECRET = env_str("FOLIO_KIVRA_CLIENT_SECRET", "folio-sandbox-secret")
FOLIO_KIVRA_WEBHOOK_SECRET = env_str("FOLIO_KIVRA_WEBHOOK_SECRET")
FOLIO_KIVRA_WEBHOOK_TOLERANCE = env_int("FOLIO_KIVRA_WEBHOOK_TOLERANCE", 300)
FOLIO_EFAKTURA_SE_URL = env_str("FOLIO_EFAKTURA_SE_URL", "http://127.0.0.1:8128").rstrip("/")
FOLIO_EFAKTURA_SE_TOKEN = env_str("FOLIO_EFAKTURA_SE_TOKEN")

# Customer portal (issue 7): magic links (django-sesame), sign-in rate limit, payments.
SESAME_MAX_AGE = env_int("FOLIO_MAGIC_LINK_MINUTES", 30) * 60
SESAME_ONE_TIME = True
FOLIO_MAGIC_LINK_LIMIT = env_int("FOLIO_MAGIC_LINK_LIMIT", 5)
FOLIO_PORTAL_ZIP_MAX_BYTES = env_int("FOLIO_PORTAL_ZIP_MAX_BYTES", 50 * 1024 * 1024)
FOLIO_PAYMENT_PROVIDER = env_str("FOLIO_PAYMENT_PROVIDER", "sandbox")
FOLIO_STRIPE_SECRET_KEY = env_str("FOLIO_STRIPE_SECRET_KEY")
FOLIO_STRIPE_WEBHOOK_SECRET = env_str("FOLIO_STRIPE_WEBHOOK_SECRET")
FOLIO_STRIPE_WEBHOOK_TOLERANCE = env_int("FOLIO_STRIPE_WEBHOOK_TOLERANCE", 300)

# Outgoing HTTP to user-configured addresses (folio/core/http.py): seconds per request, and
# whether private/loopback addresses may be called (a demo or tests on loopback only).
FOLIO_HTTP_TIMEOUT = env_int("FOLIO_HTTP_TIMEOUT", 10)
FOLIO_HTTP_ALLOW_PRIVATE_NETWORKS = env_bool("FOLIO_HTTP_ALLOW_PRIVATE_NETWORKS", False)
# Outgoing webhooks (folio/webhooks): attempts per event, and days of uninterrupted failures
# after which an endpoint is turned off (its organization's admins get an e-mail).
FOLIO_WEBHOOK_MAX_ATTEMPTS = env_int("FOLIO_WEBHOOK_MAX_ATTEMPTS", 8)
FOLIO_WEBHOOK_DISABLE_AFTER_DAYS = env_int("FOLIO_WEBHOOK_DISABLE_AFTER_DAYS", 5)
# Key that encrypts endpoints' signing secrets at rest; empty derives one from FOLIO_SECRET_KEY.
FOLIO_WEBHOOK_SECRET_KEY = env_str("FOLIO_WEBHOOK_SECRET_KEY")

# The shared corpus of official e-invoicing material (tests and benchmarks read it in place).
FOLIO_CORPUS = env_path("FOLIO_CORPUS", PACKAGE_DIR.parent.parent.parent / "shared" / "corpus")

# Font folders the PDF renderer may read (Debian's fonts-inter and fonts-dejavu-core); nothing
# else on the system is scanned. Typst's own embedded fonts are the fallback.
FOLIO_RENDER_FONT_DIRS = env_list(
    "FOLIO_RENDER_FONT_DIRS",
    ["/usr/share/fonts/opentype/inter", "/usr/share/fonts/truetype/dejavu"],
)
# The official validation artefacts (`folio rules install|status`); see folio/ingestion/validation.
FOLIO_RULES_DIR = env_path("FOLIO_RULES_DIR", FOLIO_DATA_DIR / "rules")
# Which engine ingestion validates with: native (fast, Folio's own), official (saxonche XSLT) or
# both (native verdicts, disagreements logged).
FOLIO_VALIDATION_ENGINE = env_str("FOLIO_VALIDATION_ENGINE", "native")
if FOLIO_VALIDATION_ENGINE not in {"native", "official", "both"}:
    raise ConfigurationError("FOLIO_VALIDATION_ENGINE must be native, official or both")
# `folio watch`: one drop folder per sender, <FOLIO_DROP_DIR>/<org-slug>/.
FOLIO_DROP_DIR = env_path("FOLIO_DROP_DIR", FOLIO_DATA_DIR / "drop")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("FOLIO_SESSION_AGE", 60 * 60 * 12)
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if IS_PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("FOLIO_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("FOLIO_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("FOLIO_HSTS_PRELOAD", False)
    # Preloading is hard to undo, so it is the operator's opt-in (FOLIO_HSTS_PRELOAD); until
    # then the deploy check's reminder about it (security.W021) is expected.
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("FOLIO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
