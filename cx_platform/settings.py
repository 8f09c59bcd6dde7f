"""Settings for CX Platform, read from environment variables (see DESIGN.md).

The embedded default (no variables set) runs on SQLite, without Redis and without an SMTP server.
Production sets DATABASE_URL, REDIS_URL, EMAIL_URL, SITE_URL, SECRET_KEY, DEBUG=0 and ALLOWED_HOSTS.
"""

from __future__ import annotations

from pathlib import Path

import bootstrap as bootstrap_static
import environ
import plotly
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)
_DEV_SECRET = "dev-only-insecure-key-change-me-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET if DEBUG else environ.Env.NOTSET)
if not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET):
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value (50+ characters) when DEBUG is off.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "axes",
    "csp",
    "core",
    "accounts",
    "touchpoints",
    "customers",
    "nps",
    "complaints",
    "feedback",
    "training",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.RequestLogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cx_platform.urls"
WSGI_APPLICATION = "cx_platform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.platform",
            ],
        },
    },
]

DATABASE_URL = env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the background loop and the web server write to the embedded database side by side.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["timeout"] = 20
    # The complaints stats' covering indexes INCLUDE columns on PostgreSQL; SQLite keeps the plain index, as intended.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login lockout (django-axes): five failures per user and address lock for 15 minutes.
# Reverse proxies in front of gunicorn that append to X-Forwarded-For (behind one TLS proxy: 1). With 0 the public
# forms' rate limits key on REMOTE_ADDR, which behind a proxy is the proxy, the same for every client.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"  # JSON for the API, the page otherwise
# Behind TRUSTED_PROXY_COUNT proxies every request's REMOTE_ADDR is the proxy's: lockouts key on the client instead.
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_ip_address"

# Sessions
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp) on every response, pages, API and static files alike:
# - scripts only from our own static files: no inline <script>, no on…= handlers, no eval (Swagger UI's init script
#   is served as a file by SpectacularSwaggerSplitView);
# - style sheets only from our own static files: no inline <style> elements (no 'unsafe-inline', no nonce needed).
#   plotly.js would inject two (its global rules, maplibre's); it skips them when it finds the elements of
#   templates/partials/plotly_styles.html in base.html, and core/static/core/plotly.css holds the same rules
#   (both generated by `manage.py build_plotly_css`; tests/platform/test_csp.py notices a plotly upgrade).
#   Style *attributes* stay allowed (style-src-attr 'unsafe-inline'): plotly and d3 write them into every chart's
#   SVG, and a nonce cannot cover attributes. An attribute can neither run script nor select other elements, and
#   img-src keeps url() to our own origin;
# - images from us and data: URLs (QR codes, plotly's exported PNGs and icons); nothing else is fetched or framed.
# Pages that allow framing by the Django mechanism (@xframe_options_exempt: the feedback embed for the company's
# web shop) get EMBED_FRAME_ANCESTORS as frame-ancestors instead of 'none'; empty = any site may frame them.
EMBED_FRAME_ANCESTORS = env.list("EMBED_FRAME_ANCESTORS", default=[])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# Internationalisation: German (formal "Sie") first, English second.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Bootstrap's compiled CSS/JS from the django-bootstrap-static wheel (no CDN; a plain pip install suffices).
    ("vendor/bootstrap", Path(bootstrap_static.__file__).parent / "static" / "bootstrap"),
    ("vendor/plotly", Path(plotly.__file__).parent / "package_data"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))

# Redis is optional: without it the cache is local memory and Celery tasks run in-process.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="cx"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cx"}}

CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"  # in-process; a host name keeps kombu from warning
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
# max_retries 0: a publish from a request fails at once when Redis is down (core.queue runs the task in-process
# then) instead of retrying its connect for ~6 s; the worker and beat reconnect with their own retry settings.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "max_retries": 0}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# The schedule itself is assembled from each app's `PERIODIC_TASKS` in core.schedule.
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {}

# Email: without EMAIL_URL every message lands in the local outbox, viewable at /outbox/.
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "core.mail.OutboxBackend"
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Nordlicht Handel GmbH <kundenstimme@nordlicht-handel.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
COMPANY_NAME = env.str("COMPANY_NAME", default="Nordlicht Handel GmbH")
COMPANY_ADDRESS = env.str("COMPANY_ADDRESS", default="Hafenstraße 12, 20457 Hamburg")

# Domain settings (DESIGN.md "Domain rules that matter")
CONSENT_TEXT_VERSION = env.str("CONSENT_TEXT_VERSION", default="2026-01")
CONSENT_CONFIRM_MAX_AGE_DAYS = env.int("CONSENT_CONFIRM_MAX_AGE_DAYS", default=14)
SUPPRESSION_HASH_PEPPER = env.str("SUPPRESSION_HASH_PEPPER", default="cx-suppression")
WEBHOOKS_ALLOW_PRIVATE_TARGETS = env.bool("WEBHOOKS_ALLOW_PRIVATE_TARGETS", default=False)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=6)
CUSTOMER_IMPORT_BACKGROUND_ROWS = env.int("CUSTOMER_IMPORT_BACKGROUND_ROWS", default=5000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.StandardPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "auth_token": "20/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CX Platform API",
    "DESCRIPTION": "Customer Experience Management: customers, touchpoints, NPS, complaints, feedback, training.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI assets come from the drf-spectacular-sidecar package: no CDN at run time.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One stable name per choice set that several apps' serializers share (fields named status, channel, …).
    "ENUM_NAME_OVERRIDES": {
        "TouchpointChannelEnum": "touchpoints.choices.Channel",
        "LanguageEnum": "customers.choices.Language",
        "ConsentStatusEnum": "customers.choices.ConsentStatus",
        "ImportStatusEnum": "customers.choices.ImportStatus",
        "CaseChannelEnum": "complaints.choices.CaseChannel",
        "CaseStatusEnum": "complaints.choices.CaseStatus",
        "FeedbackChannelEnum": "feedback.choices.FeedbackChannel",
        "FeedbackStatusEnum": "feedback.choices.FeedbackStatus",
        "ImprovementActionStatusEnum": "feedback.choices.ActionStatus",
        "AnalysisSourceEnum": "feedback.choices.AnalysisSource",
        "CampaignStatusEnum": "nps.choices.CampaignStatus",
        "InvitationStatusEnum": "nps.choices.InvitationStatus",
        "SurveyKindEnum": "nps.choices.SurveyKind",
    },
}

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
# JSON lines for production's log collectors; readable lines for a person at the terminal (the embedded default).
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured("LOG_FORMAT must be text or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s", "datefmt": "%H:%M:%S"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # One line per request: runserver's own at the terminal, cx.request's JSON line in production.
        "django.server": {"level": "INFO" if LOG_FORMAT == "text" else "WARNING"},
        "cx.request": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
        # A 404 is an answer, not a fault: Django's "Not Found: …" warning line would repeat every request's log.
        "django.request": {"level": "ERROR"},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # One "Task … succeeded" line per periodic job (the answer events run every few seconds): failures still log.
        "celery.app.trace": {"level": "WARNING"},
    },
}

# --- customers ---
CUSTOMER_IMPORT_MAX_BYTES = env.int("CUSTOMER_IMPORT_MAX_BYTES", default=50 * 1024 * 1024)

# --- nps ---
NPS_QUARANTINE_DAYS = env.int("NPS_QUARANTINE_DAYS", default=90)  # contact quarantine across all surveys
NPS_EXISTING_CUSTOMER_EXCEPTION = env.bool("NPS_EXISTING_CUSTOMER_EXCEPTION", default=False)  # § 7(3) UWG, off
NPS_BATCH_SIZE = env.int("NPS_BATCH_SIZE", default=100)  # invitations per claim, sent over one SMTP connection
NPS_CLAIM_TIMEOUT_SECONDS = env.int("NPS_CLAIM_TIMEOUT_SECONDS", default=600)  # stale claim → claimable again
NPS_MAX_ATTEMPTS = env.int("NPS_MAX_ATTEMPTS", default=5)
NPS_RETRY_BACKOFF_SECONDS = env.int("NPS_RETRY_BACKOFF_SECONDS", default=300)  # doubles with every attempt
NPS_DISPATCH_INTERVAL_SECONDS = env.int("NPS_DISPATCH_INTERVAL_SECONDS", default=30)
NPS_DISPATCH_TIME_BUDGET_SECONDS = env.int("NPS_DISPATCH_TIME_BUDGET_SECONDS", default=120)
NPS_DISPATCH_FANOUT = env.int("NPS_DISPATCH_FANOUT", default=4)  # parallel dispatch tasks kicked by a launch
NPS_EAGER_MAX_BATCHES = env.int("NPS_EAGER_MAX_BATCHES", default=5)  # in-process sending caps a request's work
NPS_COMMENT_MAX_LENGTH = env.int("NPS_COMMENT_MAX_LENGTH", default=5000)
NPS_PUBLIC_RATE_LIMIT = env.int("NPS_PUBLIC_RATE_LIMIT", default=30)  # POSTs per minute and address on /s/ and /u/
# Answers are recorded by one statement; their response.* events (follow-up cases, webhooks) go out from the worker
# at this interval (in-process right after the answer when there is no worker).
NPS_ANSWER_EVENTS_INTERVAL_SECONDS = env.int("NPS_ANSWER_EVENTS_INTERVAL_SECONDS", default=5)

# --- training ---
# § 87 (1) Nr. 6 BetrVG: linking an individual's training to customer outcomes needs a works-council agreement.
TRAINING_WORKS_COUNCIL_AGREEMENT = env.bool("TRAINING_WORKS_COUNCIL_AGREEMENT", default=False)
TRAINING_MIN_GROUP_SIZE = env.int("TRAINING_MIN_GROUP_SIZE", default=5)  # team comparisons below this are suppressed
TRAINING_EXPIRY_REMINDER_DAYS = env.int("TRAINING_EXPIRY_REMINDER_DAYS", default=30)

# --- complaints ---
# Department that receives complaints from the public form when no touchpoint is given.
COMPLAINTS_INTAKE_DEPARTMENT = env.str("COMPLAINTS_INTAKE_DEPARTMENT", default="kundenservice")
COMPLAINTS_PUBLIC_RATE_LIMIT = env.int("COMPLAINTS_PUBLIC_RATE_LIMIT", default=5)  # submissions per minute and address

# --- feedback ---
FEEDBACK_FORM_RATE_LIMIT = env.int("FEEDBACK_FORM_RATE_LIMIT", default=10)  # submissions per minute and address on /f/
FEEDBACK_MIN_FILL_SECONDS = env.float("FEEDBACK_MIN_FILL_SECONDS", default=3.0)  # faster submissions are bots

# --- dashboard ---
DASHBOARD_ROLLUP_INTERVAL_SECONDS = env.int("DASHBOARD_ROLLUP_INTERVAL_SECONDS", default=300)  # incremental rollup
DASHBOARD_ROLLUP_OVERLAP_SECONDS = env.int("DASHBOARD_ROLLUP_OVERLAP_SECONDS", default=300)  # late commits re-read
DASHBOARD_DIGEST_WEEKDAY = env.int("DASHBOARD_DIGEST_WEEKDAY", default=0)  # 0 = Monday (Europe/Berlin)
DASHBOARD_DIGEST_HOUR = env.int("DASHBOARD_DIGEST_HOUR", default=7)  # the digest goes out from this hour on
DASHBOARD_DIGEST_CHECK_SECONDS = env.int("DASHBOARD_DIGEST_CHECK_SECONDS", default=900)
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=300)  # raw-table tiles (median, training)
