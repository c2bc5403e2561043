"""KBO platform settings: one module, configured from environment variables.

See README.md ("Configuration") for the variables. Defaults give a local SQLite
installation in ./data; KBO_PRODUCTION=1 turns on the checks a public server needs.
"""

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kbo.env import env_bool, env_int, env_list, env_str

# PyThaiNLP must never reach the network: without these it tries to download a corpus
# catalogue and some functions silently return empty results.
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT = PACKAGE_DIR.parent.parent
DATA_DIR = Path(
    env_str("KBO_DATA_DIR")
    or (_CHECKOUT / "data" if (_CHECKOUT / "pyproject.toml").exists() else Path.cwd() / "data")
)

PRODUCTION = env_bool("KBO_PRODUCTION", False)
DEBUG = env_bool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when KBO_PRODUCTION=1")


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        if PRODUCTION and (len(key) < 50 or key.startswith("django-insecure")):
            raise ImproperlyConfigured(
                "SECRET_KEY is too weak for production: use 50+ random characters"
            )
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when KBO_PRODUCTION=1")
    # Local installations keep a generated key beside their data, so sessions survive restarts.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "kbo.core",
    "kbo.geo",
    "kbo.search",
    "kbo.accounts",
    "kbo.registry",
    "kbo.network",
    "kbo.programmes",
    "kbo.trainings",
    "kbo.contests",
    "kbo.outcomes",
    "kbo.dashboards",
    "kbo.reports",
    "kbo.knowledge",
    "kbo.showcase",
    "kbo.privacy",
    "kbo.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "auditlog",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "kbo.core.middleware.RequestIdMiddleware",
    "kbo.core.monitoring.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kbo.core.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "kbo.core.middleware.UserPreferencesMiddleware",
]

ROOT_URLCONF = "kbo.urls"
WSGI_APPLICATION = "kbo.wsgi.application"

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
                "kbo.core.context_processors.navigation",
            ],
            "builtins": ["kbo.core.templatetags.thai"],
        },
    },
]

# Database: SQLite in the data folder unless DATABASE_URL names another (PostgreSQL in production).
_sqlite_path = DATA_DIR / "kbo.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{_sqlite_path}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the task worker read while the other writes.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool(
    "DATABASE_JIT", False
):
    # The app's queries are short; PostgreSQL's JIT would compile some of them for longer
    # than they run. DATABASE_JIT=1 keeps the server's setting.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# Cache the dashboards' figures and the showcase's public lists, keyed by data versions
# (kbo.core.versions): a committed change invalidates them at once, in every process.
KBO_FIGURES_CACHE = env_bool("KBO_FIGURES_CACHE", True)
# One process's memory by default (correct across processes: keys carry the data versions
# read from the database); values are small, so keep enough entries for the showcase's pages.
CACHES: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": env_int("KBO_CACHE_ENTRIES", 5000)},
    }
}
# Several app processes share one Redis: cached figures are computed once for all of them,
# and sessions are read from the cache before the database ("cached_db" keeps them durable).
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("KBO_CACHE_PREFIX", "kbo"),
        "TIMEOUT": env_int("KBO_CACHE_TIMEOUT", 3600),
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Thai first, English available; Bangkok time.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
# Our catalogue first, then Thai for strings Django and its packages ship untranslated.
LOCALE_PATHS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "locale_django"]
LANGUAGE_COOKIE_NAME = "kbo_language"
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

# Static files are served by the application itself (WhiteNoise), never from a CDN.
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = Path(env_str("KBO_MEDIA_ROOT") or DATA_DIR / "media")
MEDIA_URL = "/media/"
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads and job results: the local folder above (one machine, or a shared mount), or an
# S3-compatible store (AWS S3, MinIO, Ceph…) that every app process and worker reaches.
KBO_STORAGE = env_str("KBO_STORAGE", "local").strip().lower()
if KBO_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("KBO_S3_BUCKET"),
            "endpoint_url": env_str("KBO_S3_ENDPOINT_URL") or None,
            "region_name": env_str("KBO_S3_REGION") or None,
            "access_key": env_str("KBO_S3_ACCESS_KEY") or None,
            "secret_key": env_str("KBO_S3_SECRET_KEY") or None,
            "location": env_str("KBO_S3_PREFIX"),
            # Files hold personal data: private objects, downloads only through the app.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if not env_str("KBO_S3_BUCKET"):
        raise ImproperlyConfigured("KBO_S3_BUCKET must be set when KBO_STORAGE=s3")
elif KBO_STORAGE != "local":
    raise ImproperlyConfigured(f"KBO_STORAGE must be local or s3; got {KBO_STORAGE!r}")
# The Sarabun typeface (SIL Open Font License) comes from the fontpkg-sarabun package.
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("fonts/sarabun", Path(__import__("fontpkg_sarabun").ROOT) / "files"),
]

# Uploads (kbo/core/uploads.py checks every one): the largest file of each kind in MB, the
# type read from the content, and spreadsheets refused before parsing when their zip
# directory or declared sheet size is beyond these limits. The proxy in front of the
# platform should cap request bodies a little above the largest kind (e.g. 55 MB).
KBO_UPLOAD_MAX_MB = {
    "image": env_int("KBO_UPLOAD_IMAGE_MAX_MB", 10),
    "document": env_int("KBO_UPLOAD_DOCUMENT_MAX_MB", 10),
    "import": env_int("KBO_UPLOAD_IMPORT_MAX_MB", 50),
}
KBO_UPLOAD_MAX_PIXELS = env_int("KBO_UPLOAD_MAX_PIXELS", 80_000_000)  # below Pillow's 89M
KBO_IMPORT_MAX_ROWS = env_int("KBO_IMPORT_MAX_ROWS", 500_000)
KBO_IMPORT_MAX_COLUMNS = env_int("KBO_IMPORT_MAX_COLUMNS", 200)
KBO_ZIP_MAX_EXPANDED_MB = env_int("KBO_ZIP_MAX_EXPANDED_MB", 1024)  # 500,000 rows ≈ 600 MB
KBO_ZIP_MAX_RATIO = env_int("KBO_ZIP_MAX_RATIO", 200)  # real sheets ≈ 10×, zip bombs ≈ 1000×
KBO_ZIP_MAX_ENTRIES = env_int("KBO_ZIP_MAX_ENTRIES", 1000)
# Form fields other than files stay small; files above 2.5 MB stream to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)

# Background work: Django's task interface; a database queue drained by `kbo db_worker`.
TASKS = {
    "default": {
        "BACKEND": env_str("KBO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A worker writes a heartbeat every few seconds; a task still marked running whose worker
# has not been seen for KBO_WORKER_LEASE seconds is queued again (kbo.core.workers), at most
# KBO_TASK_ATTEMPTS times in all.
KBO_WORKER_LEASE = env_int("KBO_WORKER_LEASE", 60)
KBO_TASK_ATTEMPTS = env_int("KBO_TASK_ATTEMPTS", 3)
# /metrics answers only `Authorization: Bearer <token>` when set.
KBO_METRICS_TOKEN = env_str("KBO_METRICS_TOKEN")

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "kbo@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "kbo.api.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "KBO Platform API",
    "DESCRIPTION": "Knowledge-Based OTOP networks: registry, networks, projects, contests.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI is served from the app's own static files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # "role" names the accounts' roles and a committee seat's role.
    # "category" is a product's category wherever it is listed (knowledge items too).
    # "kind" of a knowledge item (its list and whole-item shapes share it).
    "ENUM_NAME_OVERRIDES": {
        "SeatRoleEnum": "kbo.network.models.SeatRole",
        "CategoryEnum": "kbo.registry.models.Category",
        "KnowledgeKindEnum": "kbo.knowledge.models.Kind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kbo.api.schema.add_error_responses",
    ],
}

# The audit trail records who changed what; registered models are listed in each app.
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

SESSION_COOKIE_HTTPONLY = True
# A signed-in session lasts a working day (seconds; SESSION_COOKIE_AGE to change it).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 60 * 60)
SESSION_COOKIE_SAMESITE = "Lax"
# Sign-in throttling (accounts/throttle.py): failures before a pause, and the pause.
LOGIN_FAILURES_PER_USER = env_int("LOGIN_FAILURES_PER_USER", 5)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 20)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 15 * 60)
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (django-csp): only this site's own scripts, fonts and images; no
# inline scripts (chart data travels in json_script blocks, which are not executed). Inline
# style attributes are allowed: htmx and a few templates use them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading is a promise to browsers that the domain stays HTTPS-only; turn it off
    # (SECURE_HSTS_PRELOAD=0) for a domain whose subdomains are not all HTTPS yet.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "kbo.core.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
