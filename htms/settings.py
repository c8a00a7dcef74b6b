"""Django settings. Every value that differs between machines comes from the environment."""

import os
from importlib.util import find_spec
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HTMS_VAR_DIR", BASE_DIR / "var"))


def _flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in ("1", "true", "yes")


def _list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = _flag("HTMS_DEBUG", False)
# Production (HTMS_PRODUCTION=1, or HTMS_ENV=production) refuses to start without its own secret
# key and serves over HTTPS only (docs/operations.md); development and tests use a fixed key.
HTMS_ENV = os.environ.get("HTMS_ENV", "development")
PRODUCTION = _flag("HTMS_PRODUCTION", HTMS_ENV == "production")
SECRET_KEY = os.environ.get("HTMS_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("Set HTMS_SECRET_KEY: production needs its own secret key.")
    SECRET_KEY = "development-only-key-not-for-production-use-0123456789"  # noqa: S105
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("HTMS_DEBUG=1 shows data in error pages: never in production.")
ALLOWED_HOSTS = _list("HTMS_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = _list("HTMS_CSRF_TRUSTED_ORIGINS")

# HTTPS. Behind a reverse proxy that ends TLS, set HTMS_SECURE_PROXY_SSL_HEADER to the header
# the proxy sets and its value, e.g. "HTTP_X_FORWARDED_PROTO,https", and make sure the proxy
# overwrites that header on every request.
if _proxy_header := _list("HTMS_SECURE_PROXY_SSL_HEADER"):
    if len(_proxy_header) != 2:
        raise ImproperlyConfigured("HTMS_SECURE_PROXY_SSL_HEADER is a header and a value.")
    SECURE_PROXY_SSL_HEADER = (_proxy_header[0], _proxy_header[1])
SECURE_SSL_REDIRECT = _flag("HTMS_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = int(os.environ.get("HTMS_HSTS_SECONDS", "31536000" if PRODUCTION else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("HTMS_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = _flag("HTMS_HSTS_PRELOAD", PRODUCTION)
SESSION_COOKIE_SECURE = _flag("HTMS_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "htms.accounts",
    "htms.reference",
    "htms.audit",
    "htms.persons",
    "htms.cases",
    "htms.identity",
    "htms.intake",
    "htms.helpline",
    "htms.resolution",
    "htms.network",
    "htms.synthetic",
    "htms.api",
    "htms.web",
    "htms.operations",
    "htms.statistics",
    "htms.public",
    "htms.intelligence",
    "htms.protection",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "htms.public.middleware.PublicHostMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "htms.audit.middleware.ClientAddressMiddleware",
    "htms.audit.middleware.RefusalMiddleware",
    "htms.common.middleware.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Pages load scripts and styles from their own static files only: no inline script or style,
# no other origin (docs/operations.md).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "htms.urls"
WSGI_APPLICATION = "htms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "htms.web.menu.menu",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'htms.sqlite3'}"),
        conn_max_age=int(os.environ.get("HTMS_DB_CONN_MAX_AGE", "0")),
    )
}
# A streaming replica of the PostgreSQL primary, for the statistics figures and the search
# before create (htms/common/replica.py, docs/operations.md "A read replica"). In tests it
# mirrors the test database: the standby replays the primary's, none is created on it. Only
# beside a PostgreSQL primary (a program started with an SQLite DATABASE_URL from a shell that
# has a replica's address reads its own file only).
_replica_url = os.environ.get("DATABASE_REPLICA_URL", "")
if _replica_url and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["replica"] = dj_database_url.parse(
        _replica_url, conn_max_age=int(os.environ.get("HTMS_DB_CONN_MAX_AGE", "0"))
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["htms.common.replica.ReplicaRouter"]
# 0 sends every read to the primary again, e.g. while the replica catches up.
HTMS_REPLICA_READS = "replica" in DATABASES and _flag("HTMS_REPLICA_READS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database serves a small office: readers never wait for writers (WAL), and
    # every transaction takes the write lock when it begins (IMMEDIATE), so that two officers
    # writing at once queue for up to the busy timeout instead of failing with "database is
    # locked" (a deferred transaction that reads, then writes, cannot wait: SQLite refuses it).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ur", "اردو")]
LOCALE_PATHS = [BASE_DIR / "htms" / "locale"]
TIME_ZONE = "Asia/Karachi"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# The network view draws with vis-network, served from the copy the pyvis package bundles: no CDN
# (docs/network.md).
_PYVIS = find_spec("pyvis")
STATICFILES_DIRS = (
    [("vendor/vis-network", Path(_PYVIS.origin).parent / "lib" / "vis-9.1.2")]
    if _PYVIS and _PYVIS.origin
    else []
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SESSION_COOKIE_AGE = int(os.environ.get("HTMS_SESSION_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "htms.api.errors.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["htms.api.throttling.RefusalThrottle"],
    "DEFAULT_PARSER_CLASSES": ["htms.api.parsers.JSONParser"],
    "DEFAULT_METADATA_CLASS": "htms.api.metadata.SchemaPointerMetadata",
}
# The largest JSON body the API reads (413 above it), and how deeply it may nest (400).
HTMS_API_MAX_BODY_BYTES = int(os.environ.get("HTMS_API_MAX_BODY_BYTES", str(1024 * 1024)))
# Bulk inputs (10,000 victims of one case with their documents) are larger.
HTMS_API_MAX_BULK_BODY_BYTES = int(
    os.environ.get("HTMS_API_MAX_BULK_BODY_BYTES", str(32 * 1024 * 1024))
)
HTMS_API_MAX_JSON_DEPTH = int(os.environ.get("HTMS_API_MAX_JSON_DEPTH", "20"))
SPECTACULAR_SETTINGS = {
    "TITLE": "HTMS API",
    "DESCRIPTION": "Cases, persons and reference data of the HTMS Case Monitoring System.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per choice set that several fields share (check --deploy warns otherwise).
    "ENUM_NAME_OVERRIDES": {
        "DatePrecisionEnum": "htms.persons.models.DatePrecision",
        "StageEnum": "htms.cases.models.Stage",
        "DocumentKindEnum": "htms.persons.models.DocumentKind",
        "RouteEventKindEnum": "htms.cases.models.RouteEventKind",
        "CaseDocumentKindEnum": "htms.web.models.DocumentKind",
        "ClassificationEnum": "htms.intake.models.Classification",
        "RoleEnum": "htms.cases.models.PartyRole",
        "AccountRoleEnum": "htms.accounts.models.Role",
        "TransitionStatusEnum": "htms.cases.models.TransitionStatus",
        "ReferralStateEnum": "htms.protection.models.ReferralState",
        "ReferralSourceEnum": "htms.protection.models.ReferralSource",
        "ServiceTypeEnum": "htms.protection.models.ServiceType",
        "ConsentByEnum": "htms.protection.models.ConsentBy",
        "SharedFieldEnum": "htms.protection.models.SharedField",
        "OrganisationKindEnum": "htms.protection.models.OrganisationKind",
        "AcceptedSexEnum": "htms.protection.models.AcceptedSex",
        "ReturnKindEnum": "htms.protection.models.ReturnKind",
        "TracingOutcomeEnum": "htms.protection.models.TracingOutcome",
        "PaymentChannelEnum": "htms.network.models.Channel",
        "ChannelEnum": "htms.helpline.models.Channel",
        "LinkSourceKindEnum": "htms.network.models.SourceKind",
        "RiskLevelEnum": "htms.protection.models.RiskLevel",
    },
}

# Figures are counted from a table of the people counted, rebuilt before a figure is read when
# its last refresh is older than this (seconds; 0: before every figure). ``docs/statistics.md``.
HTMS_STATISTICS_MAX_AGE = int(os.environ.get("HTMS_STATISTICS_MAX_AGE", "900"))

# Refused requests (401, 403, 404 of a known address) a caller may make in a window before
# every request of theirs is answered 429 until the window ends (htms/audit/refusals.py).
HTMS_REFUSAL_WINDOW_SECONDS = int(os.environ.get("HTMS_REFUSAL_WINDOW_SECONDS", "600"))
HTMS_REFUSAL_LIMIT_PER_USER = int(os.environ.get("HTMS_REFUSAL_LIMIT_PER_USER", "100"))
HTMS_REFUSAL_LIMIT_PER_ADDRESS = int(os.environ.get("HTMS_REFUSAL_LIMIT_PER_ADDRESS", "500"))

# Wrong passwords in a row before an account locks, and for how long (pages and API).
HTMS_LOGIN_MAX_FAILURES = int(os.environ.get("HTMS_LOGIN_MAX_FAILURES", "5"))
HTMS_LOGIN_LOCK_MINUTES = int(os.environ.get("HTMS_LOGIN_LOCK_MINUTES", "15"))
# Uploaded case documents; read through the case's access check, never served as static.
HTMS_MEDIA_DIR = Path(os.environ.get("HTMS_MEDIA_DIR", VAR_DIR / "media"))

# Limits on an uploaded border-intake list (docs/intake.md, "Limits on uploads"). A file past
# one is refused with a message before any of it is stored.
HTMS_UPLOAD_MAX_BYTES = int(os.environ.get("HTMS_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
HTMS_UPLOAD_MAX_UNZIPPED_BYTES = int(
    os.environ.get("HTMS_UPLOAD_MAX_UNZIPPED_BYTES", str(200 * 1024 * 1024))
)
HTMS_UPLOAD_MAX_ZIP_RATIO = int(os.environ.get("HTMS_UPLOAD_MAX_ZIP_RATIO", "100"))
HTMS_UPLOAD_MAX_SHARED_STRINGS = int(os.environ.get("HTMS_UPLOAD_MAX_SHARED_STRINGS", "500000"))
HTMS_UPLOAD_MAX_ROWS = int(os.environ.get("HTMS_UPLOAD_MAX_ROWS", "100000"))
HTMS_UPLOAD_MAX_CELLS = int(os.environ.get("HTMS_UPLOAD_MAX_CELLS", "3000000"))
HTMS_UPLOAD_MAX_CELL_CHARS = int(os.environ.get("HTMS_UPLOAD_MAX_CELL_CHARS", "1000"))
# Bytes of an upload past HTMS_UPLOAD_MAX_BYTES are counted but never written to disk.
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "htms.common.uploads.BoundedUploadHandler",
]
# Rows stored per transaction, so that a large upload never holds the database for long.
HTMS_UPLOAD_STORE_BATCH = int(os.environ.get("HTMS_UPLOAD_STORE_BATCH", "1000"))

# Days after the FIR within which the interim challan is due (CrPC s.173).
HTMS_INTERIM_CHALLAN_DAYS = int(os.environ.get("HTMS_INTERIM_CHALLAN_DAYS", "14"))
# How many days ahead a deadline counts as "due soon".
HTMS_DUE_SOON_DAYS = int(os.environ.get("HTMS_DUE_SOON_DAYS", "7"))
# Statistics: cells counting fewer people than this are withheld from roles without identity
# access, exports and public figures (docs/statistics.md).
HTMS_STATISTICS_K = int(os.environ.get("HTMS_STATISTICS_K", "11"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("HTMS_LOG_LEVEL", "WARNING")},
}

# The key of the audit chain's HMAC (htms/audit/keys.py, docs/audit.md). Never stored in the
# database; production refuses to start without its own. Development and tests use a fixed one.
HTMS_AUDIT_KEY = os.environ.get("HTMS_AUDIT_KEY", "")
if not HTMS_AUDIT_KEY and HTMS_ENV == "production":
    raise ImproperlyConfigured("Set HTMS_AUDIT_KEY: production needs its own audit chain key.")

# The key that seals caseworker notes at rest (htms/protection/sealing.py, docs/security.md).
# Never stored in the database; in production, sealing or reading a note refuses without one.
HTMS_PROTECTION_KEY = os.environ.get("HTMS_PROTECTION_KEY", "")

# --- Login, second factor, API tokens (htms/accounts/login.py, mfa.py, tokens.py) ---
# HTMS_LOGIN_MAX_FAILURES above: failures for one username from one address before each further
# try has to wait (30 s, then doubling); HTMS_LOGIN_LOCK_MINUTES: the window in which failures
# count, and the longest wait. No account is ever locked by failures.
# Failures from one address (any usernames) within that window before the address must wait.
HTMS_LOGIN_ADDRESS_FAILURES = int(os.environ.get("HTMS_LOGIN_ADDRESS_FAILURES", "20"))
# Hours an API token works after it is issued.
HTMS_API_TOKEN_HOURS = int(os.environ.get("HTMS_API_TOKEN_HOURS", "12"))
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
INSTALLED_APPS.remove("rest_framework.authtoken")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "htms.web.middleware.PasswordChangeRequiredMiddleware",
)
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    "htms.api.authentication.ExpiringTokenAuthentication",
    "rest_framework.authentication.SessionAuthentication",
]
OTP_TOTP_ISSUER = "HTMS"
# django-otp's per-device wait doubles without end: anyone holding the password could lock the
# officer out. htms/accounts/login.py slows wrong codes down instead, with a ceiling.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Dates for Pakistan: day month year ("3 Dec 2026"), 24-hour times; see htms/formats.
FORMAT_MODULE_PATH = ["htms.formats"]
# A stage change, challan, judgment or hearing dated more than this many days before the day it
# is entered needs a written reason (docs/data-model.md, "Effective dates").
HTMS_BACKDATE_GRACE_DAYS = int(os.environ.get("HTMS_BACKDATE_GRACE_DAYS", "7"))

# --- Public portal (htms/public, docs/public-portal.md) ---
# The host name the portal is served on: that host serves /public/ only. Empty: no such host.
HTMS_PUBLIC_HOST = os.environ.get("HTMS_PUBLIC_HOST", "").strip().lower()
# Whether the officer site's host also serves /public/ (set 0 once the portal has its own host).
HTMS_PUBLIC_ON_OFFICER_HOST = _flag("HTMS_PUBLIC_ON_OFFICER_HOST", True)
# Reports from one address, and from everyone, in one window before the form answers 429.
HTMS_PUBLIC_REPORT_WINDOW_SECONDS = int(os.environ.get("HTMS_PUBLIC_REPORT_WINDOW_SECONDS", "3600"))
HTMS_PUBLIC_REPORTS_PER_ADDRESS = int(os.environ.get("HTMS_PUBLIC_REPORTS_PER_ADDRESS", "10"))
HTMS_PUBLIC_REPORTS_OVERALL = int(os.environ.get("HTMS_PUBLIC_REPORTS_OVERALL", "1000"))
# The proof of work: the browser tries on average half this many SHA-256 hashes.
HTMS_PUBLIC_POW_MAX_NUMBER = int(os.environ.get("HTMS_PUBLIC_POW_MAX_NUMBER", "50000"))
HTMS_PUBLIC_POW_SECONDS = int(os.environ.get("HTMS_PUBLIC_POW_SECONDS", "1200"))
# Seconds browsers and proxies may keep the portal's pages that show no one's input.
HTMS_PUBLIC_CACHE_SECONDS = int(os.environ.get("HTMS_PUBLIC_CACHE_SECONDS", "600"))
