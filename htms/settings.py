"""Django settings. Every value that differs between machines comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HTMS_VAR_DIR", BASE_DIR / "var"))

DEBUG = os.environ.get("HTMS_DEBUG", "0") == "1"
# "production" refuses to start without its own secret key; development and tests use a fixed one.
HTMS_ENV = os.environ.get("HTMS_ENV", "development")
SECRET_KEY = os.environ.get("HTMS_SECRET_KEY", "")
if not SECRET_KEY:
    if HTMS_ENV == "production":
        raise ImproperlyConfigured("Set HTMS_SECRET_KEY: production needs its own secret key.")
    SECRET_KEY = "development-only-key-not-for-production-use-0123456789"  # noqa: S105
ALLOWED_HOSTS = os.environ.get("HTMS_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
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
    "htms.resolution",
    "htms.synthetic",
    "htms.api",
    "htms.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "htms.audit.middleware.ClientAddressMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for each other instead of failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

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
}
SPECTACULAR_SETTINGS = {
    "TITLE": "HTMS API",
    "DESCRIPTION": "Cases, persons and reference data of the HTMS Case Monitoring System.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}

# Wrong passwords in a row before an account locks, and for how long (pages and API).
HTMS_LOGIN_MAX_FAILURES = int(os.environ.get("HTMS_LOGIN_MAX_FAILURES", "5"))
HTMS_LOGIN_LOCK_MINUTES = int(os.environ.get("HTMS_LOGIN_LOCK_MINUTES", "15"))
# Uploaded case documents; read through the case's access check, never served as static.
HTMS_MEDIA_DIR = Path(os.environ.get("HTMS_MEDIA_DIR", VAR_DIR / "media"))

# Days after the FIR within which the interim challan is due (CrPC s.173).
HTMS_INTERIM_CHALLAN_DAYS = int(os.environ.get("HTMS_INTERIM_CHALLAN_DAYS", "14"))
# How many days ahead a deadline counts as "due soon".
HTMS_DUE_SOON_DAYS = int(os.environ.get("HTMS_DUE_SOON_DAYS", "7"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("HTMS_LOG_LEVEL", "WARNING")},
}

# Dates for Pakistan: day month year ("3 Dec 2026"), 24-hour times; see htms/formats.
FORMAT_MODULE_PATH = ["htms.formats"]
