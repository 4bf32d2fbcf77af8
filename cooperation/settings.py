"""Settings for the 沪滇劳务协作 dashboard.

Every deploy-time value comes from the environment. The defaults are for development only and
are safe: SQLite beside the code, DEBUG on, a throwaway secret key. With DEBUG off the site
refuses to start without a real SECRET_KEY and ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
REPORTS_DIR = Path(os.environ.get("REPORTS_DIR", BASE_DIR.parent / "shared" / "reports"))
# The corpus of further real reports lies beside the first two; a report's file_name
# "corpus/NN.txt" names a text there.
CORPUS_DIR = Path(os.environ.get("CORPUS_DIR", REPORTS_DIR.parent / "corpus"))


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_list(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_path_segment(name, default):
    """Return a URL path segment like 'admin/' (letters, digits, - and _ only)."""
    raw = os.environ.get(name, default).strip("/")
    if not raw or not all(char.isalnum() or char in "-_" for char in raw):
        raise ImproperlyConfigured(f"{name} must be a path segment like 'staff-console': {raw!r}")
    return raw + "/"


def cache_from_url(url):
    """Return a CACHES entry from CACHE_URL: redis://…, file:///path, or locmem://."""
    if url.startswith(("redis://", "rediss://")):
        # A Redis that is away is an empty cache (pages are drawn afresh), never an error; a
        # short timeout keeps a Redis that does not answer from holding every request up.
        return {
            "BACKEND": "cooperation.cache_backends.TolerantRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    if url.startswith("file://"):
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": url.removeprefix("file://"),
        }
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ImproperlyConfigured(f"CACHE_URL must start with redis://, file:// or locmem://: {url!r}")


DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "dev-only-insecure-key-never-used-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
ADMIN_PATH = env_path_segment("ADMIN_PATH", "admin")

if not DEBUG:
    if SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "With DEBUG off, set SECRET_KEY to a random string of 50+ chars."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("With DEBUG off, set ALLOWED_HOSTS (comma-separated).")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "cooperation.apps.LoginProtectionConfig",  # django-axes
    "import_export",
    "simple_history",
    "pairings",
    "summaries",
]
# The benchmark's synthetic data generator (generate_synthetic, remove_synthetic) is tooling,
# not product: on in development, where the README offers it, and in bench/settings.py; off in
# production, whose `manage.py` then has no command that writes made-up figures.
SYNTHETIC_DATA = env_bool("SYNTHETIC_DATA", DEBUG)
if SYNTHETIC_DATA:
    INSTALLED_APPS.append("synthetic")

MIDDLEWARE = [
    "pairings.middleware.JsonRequestLogMiddleware",
    # The security headers first: the static files, served next, carry them too.
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pairings.middleware.PermissionsPolicyMiddleware",
    "pairings.middleware.StaticFilesMiddleware",  # whitenoise
    # Above every middleware that reads or writes the body, below whitenoise, which serves its
    # own precompressed files. The page cache holds drawn HTML, never a response, so a gzipped
    # body is never served from it; Vary: Accept-Encoding keeps shared caches apart too.
    "pairings.middleware.PublicPagesGZipMiddleware",
    "pairings.middleware.DatabaseUnavailableMiddleware",
    "pairings.maintenance.MaintenanceMiddleware",
    "pairings.middleware.ReadOnlyPublicSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "pairings.middleware.AdminInChineseMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it locks out repeated failed logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock an address out of the admin's login, for every account, for an hour after five failed
# logins from it (an hour after the last try; the lockout page says so). Keyed on the address
# alone: spraying many usernames is throttled too, and the pair (account, address) would lock
# whenever the address does. Never keyed on the account: anyone could lock an admin out.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours: templates/lockout.html states it
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
# Behind the README's TLS proxy every request connects from the proxy: with
# TRUSTED_PROXY_COUNT proxies in front, the sender's address is read from X-Forwarded-For.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "cooperation.proxies.client_address"
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_VERBOSE = False

ROOT_URLCONF = "cooperation.urls"

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
                "pairings.context_processors.language_links",
            ],
        },
    },
]

WSGI_APPLICATION = "cooperation.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "pairings" / "locale"]
# Project-wide fixtures (fixtures/regions.json …) load by name: `manage.py loaddata regions`.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Production serves collected files with hashed names, compressed (whitenoise); development
# serves them straight from their folders.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Front-end libraries come from npm (package.json) and are served by Django itself: government
# intranets often have no internet, so nothing is ever loaded from a CDN.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/chart.js", BASE_DIR / "node_modules" / "chart.js" / "dist"),
    ("vendor/chartjs-chart-sankey", BASE_DIR / "node_modules" / "chartjs-chart-sankey" / "dist"),
]

CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", "locmem://"))}

# Security headers. Every script and style is a file of the site's own: no inline code at all.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
SESSION_COOKIE_HTTPONLY = True
# Only staff log in (the admin): a session ends with the browser, and after 8 hours at most.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# A login whose next= is refused lands on the admin's index, not on a page that does not exist.
LOGIN_REDIRECT_URL = "admin:index"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Browser features no page uses, each denied to the site and to anything it might embed.
PERMISSIONS_POLICY = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind HTTPS in production (a TLS-terminating proxy sets X-Forwarded-Proto).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Structured logs: one JSON object per line on stdout.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "cooperation.logging.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
        "django.request": {"handlers": ["stdout"], "level": "ERROR", "propagate": False},
    },
}

# Record history (django-simple-history). Loading a backup turns it off, so that restoring
# data does not write "changes" that nobody made; load_fixtures records its writes.
SIMPLE_HISTORY_ENABLED = env_bool("SIMPLE_HISTORY_ENABLED", True)

# Spreadsheet import in the admin: importing needs the "add" permission, exporting "view".
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True
# The export neutralises formulas (pairings.importing applies the public downloads' rule).
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
