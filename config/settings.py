"""Settings for the conflict-incident tracker.

Every value comes from an environment variable with a safe development default (see docs/deploy.md,
"Configuration"). With DJANGO_DEBUG off the site refuses to start without a real secret key and
allowed hosts.
"""

import os
import re
import tempfile
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from config.env import database_from_url, env_bool, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", True)

DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env_str("DJANGO_SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])

if not DEBUG:
    if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "DJANGO_DEBUG is off: set DJANGO_SECRET_KEY to a random string of at least 32 "
            "characters (python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_DEBUG is off: set DJANGO_ALLOWED_HOSTS to the comma-separated host names "
            "the site is served under (e.g. incidents.example.org)."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_filters",
    "simple_history",
    "axes",
    "django_ratelimit",
    "rest_framework",
    "drf_spectacular",
    "config",
    "geo",
    "incidents",
    "extraction",
    "maps",
    "api",
    "datasets",
    "trends",
    "releases",
]

MIDDLEWARE = [
    # First, so that it sees every response last: a HEAD answer loses its body (config/head.py).
    "config.head.HeadWithoutBodyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the session or a view queries: PostgreSQL cannot take a NUL (config/nul.py).
    "config.nul.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# The admin's address; moving it off /admin/ keeps it out of drive-by scans.
ADMIN_URL = env_str("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"

ROOT_URLCONF = "config.urls"

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
            ],
        },
    },
]

# Widgets' templates live in templates/ with the rest.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {"default": env_database("DATABASE_URL", str(BASE_DIR / "db.sqlite3"))}
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)
# A kept connection the database has dropped (restart, failover, idle timeout) is noticed and
# replaced before a request uses it, instead of failing that request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the site keep reading while an import writes; the timeout waits out short locks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }
    # Tests use a file, not shared-cache memory: the live server's threads (browser tests) then each
    # get their own connection instead of deadlocking on a shared one.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"incidents-test-{os.getpid()}.sqlite3")}

# Read replicas: comma-separated database URLs; reads go to them, writes to DATABASE_URL.
DATABASE_REPLICAS = []
for _index, _url in enumerate(env_list("DATABASE_REPLICA_URLS", []), start=1):
    _alias = f"replica_{_index}"
    DATABASES[_alias] = {
        **database_from_url("DATABASE_REPLICA_URLS", _url),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_REPLICAS.append(_alias)
DATABASE_ROUTERS = ["config.routers.ReplicaRouter"] if DATABASE_REPLICAS else []

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # django-axes counts failed logins and locks out a username, and an address, after too many.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
if "AXES_COOLOFF_HOURS" in os.environ:
    raise ImproperlyConfigured("AXES_COOLOFF_HOURS is replaced by AXES_COOLOFF_MINUTES (default 15).")
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# Each on its own: guesses spread over many addresses still lock the username, and one address
# guessing many usernames is locked too.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "config.clientip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
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

# Whether the public change log on incident pages names the staff member behind each change.
PUBLIC_HISTORY_SHOW_USERS = env_bool("PUBLIC_HISTORY_SHOW_USERS", False)

# The maps' background tiles: none unless a tile server is named (as
# https://tile.openstreetmap.org/{z}/{x}/{y}.png), so a map asks no third party for anything and
# works offline; it draws its own borders, land, sea and names either way.
MAP_TILE_URL = env_str("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = env_str(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)

# Uploads through the admin: dataset CSVs (larger files go through the import commands).
MAX_DATASET_UPLOAD_BYTES = env_int("MAX_DATASET_UPLOAD_MB", 50) * 1024 * 1024
# An uploaded dataset file nobody confirmed is removed after this many minutes (manage.py purge_uploads).
DATASET_UPLOAD_MAX_AGE_MINUTES = env_int("DATASET_UPLOAD_MAX_AGE_MINUTES", 60)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Per-client limits on the public API and the exports ("N/s", "N/min", "N/hour"; empty: none).
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "300/min")
EXPORT_RATE_LIMIT = env_str("EXPORT_RATE_LIMIT", "30/min")
# How many proxies in front of the site append to X-Forwarded-For; the client is the address the
# outermost one appended (config/clientip.py). 0: the client is the connection's peer.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_COUNT={TRUSTED_PROXY_COUNT} must be 0 or more.")
if env_bool("TRUST_X_FORWARDED_FOR", False):
    # Refused rather than read as one proxy: the number of proxies decides which address is the client's.
    raise ImproperlyConfigured(
        "TRUST_X_FORWARDED_FOR is replaced by TRUSTED_PROXY_COUNT: set it to the number of proxies "
        "in front of the site that append to X-Forwarded-For (1 for a single nginx), and unset "
        "TRUST_X_FORWARDED_FOR."
    )
for _name, _rate in (("API_RATE_LIMIT", API_RATE_LIMIT), ("EXPORT_RATE_LIMIT", EXPORT_RATE_LIMIT)):
    if _rate and not re.fullmatch(r"\d+/(s|sec|m|min|h|hour|day)", _rate):
        raise ImproperlyConfigured(f"{_name}={_rate!r} is not a rate: write it as 30/min, 5/s or 1000/hour.")

REDIS_URL = env_str("REDIS_URL", "")
# How long a map answer (per filters, view and audience) is kept; any change to incidents drops them all.
MAP_CACHE_SECONDS = env_int("MAP_CACHE_SECONDS", 600)
# Shared by every worker and server: the map's answers in "default", rate counts and the map's data
# version in "counters". Without Redis both are tables in the database (made by `migrate`).
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        "counters": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "incidents_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "counters": {"BACKEND": "config.counters.CounterCache"},
    }
RATELIMIT_USE_CACHE = "counters"
RATELIMIT_IP_META_KEY = "config.clientip.client_ip"
# django-ratelimit warns of any backend not on its list; ours increments atomically (config/counters.py).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

# The public API is read-only; staff edit through the admin.
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "DEFAULT_THROTTLE_CLASSES": ["config.ratelimit.ApiRateThrottle"],
    "PAGE_SIZE": env_int("API_PAGE_SIZE", 100),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Conflict-incident tracker API",
    "DESCRIPTION": "Read-only access to incidents in Iraq and Syria, the armed groups and people involved, "
    "casualty claims as each source reports them, statements, reports and places.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # LinkKind serves two components beside other code lists named "kind"; give it its own name.
    "ENUM_NAME_OVERRIDES": {"LinkKindEnum": "incidents.models.choices.LinkKind"},
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}
