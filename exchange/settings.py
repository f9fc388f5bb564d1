"""Settings for the Learning Exchange.

Every setting that differs between machines comes from an environment variable read through
one of the typed helpers below; README.md lists them all. ``DJANGO_ENV=production`` turns on
the production hardening and refuses to start without a secret key and allowed hosts.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from error


def env_list(name, default=()):
    value = os.environ.get(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


ENVIRONMENT = env_str("DJANGO_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'")
PRODUCTION = ENVIRONMENT == "production"
TESTING = "pytest" in sys.modules

DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
if PRODUCTION:
    if not SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("Production needs DJANGO_SECRET_KEY of at least 50 characters")
    if not os.environ.get("DJANGO_ALLOWED_HOSTS"):
        raise ImproperlyConfigured("Production needs DJANGO_ALLOWED_HOSTS")
    if DEBUG:
        raise ImproperlyConfigured("DJANGO_DEBUG must be off in production")
elif not SECRET_KEY:
    # A fixed key is fine for a laptop or CI: nothing signed with it leaves the machine.
    SECRET_KEY = "development-only-key-not-for-production-" + "x" * 24

SITE_URL = env_str("EXCHANGE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# A programme is an app under exchange/ with a programme.py ("How to add a programme" in
# docs/architecture.md). They are found here rather than listed, so adding one does not mean
# editing this file; a foundation app may have a programme.py too (people declares its staff
# page) and is listed by name below.
FOUNDATION_APPS = {"common", "people", "mail", "feedback"}
PROGRAMME_APPS = sorted(f"exchange.{path.parent.name}"
                        for path in (BASE_DIR / "exchange").glob("*/programme.py")
                        if path.parent.name not in FOUNDATION_APPS)
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_filters",
    "django_tasks_db",
    "ninja",
    # The foundation, then the programmes.
    "exchange.common",
    "exchange.people",
    "exchange.mail",
    # Site-wide but no programme: "Was this page useful?" on every page.
    "exchange.feedback",
    *PROGRAMME_APPS,
]
# Programmes declared outside any app's programme.py: those announced but not built yet.
PROGRAMME_MODULES = ["exchange.coming_programmes"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "exchange.people.middleware.SignedInResponseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so its 400 page still gets every header above (CSP, frame options); nothing
    # above it reads the request's text into a query.
    "exchange.common.middleware.RefuseControlCharactersMiddleware",
    "exchange.common.middleware.ApiNotFoundMiddleware",
]

ROOT_URLCONF = "exchange.urls"
WSGI_APPLICATION = "exchange.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "exchange.common.context_processors.navigation",
            ],
        },
    },
]

# SQLite under var/ unless DATABASE_URL names another database (PostgreSQL in production).
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "var" / "exchange.sqlite3")),
            # Writers wait for each other instead of failing with "database is locked".
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Hashing strength is not under test; speed is.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [  # Django's checks, in the Exchange's words (people/passwords.py)
    {"NAME": "exchange.people.passwords.NotLikePersonalDetails"},
    {"NAME": "exchange.people.passwords.MinimumLength", "OPTIONS": {"min_length": 10}},
    {"NAME": "exchange.people.passwords.NotCommon"},
    {"NAME": "exchange.people.passwords.NotOnlyNumbers"},
]
LOGIN_URL = "people:sign-in"
LOGIN_REDIRECT_URL = "people:home"
LOGOUT_REDIRECT_URL = "common:home"

# Lock an account and address out after repeated failures (django-axes).
AXES_FAILURE_LIMIT = env_int("EXCHANGE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("EXCHANGE_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "people/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Count "Member@…" and " member@…" as the account sign-in finds, and lock an account after
# this many failures from all addresses together (exchange/people/lockout.py says why).
AXES_USERNAME_CALLABLE = "exchange.people.lockout.sign_in_account"
AXES_HANDLER = "exchange.people.lockout.SignInLockoutHandler"
AXES_ACCOUNT_FAILURE_LIMIT = env_int("EXCHANGE_LOGIN_ACCOUNT_FAILURE_LIMIT", 20)


def client_ip_precedence(header):
    """Where django-ipware looks for the client's address: the proxy's header, if named, first."""
    if not header:
        return ("REMOTE_ADDR",)
    key = header.upper().replace("-", "_")
    return (key if key.startswith("HTTP_") else f"HTTP_{key}", "REMOTE_ADDR")


# Behind the production proxy every request comes from the proxy's address, so every person
# would share one lockout: name the header the proxy sets (README, production). Unset, the
# header is ignored, so a client cannot pick its own address by sending one. When the header
# is a list (X-Forwarded-For appended by the proxy), the right-most public address, the one the
# proxy added, is the client's.
AXES_IPWARE_META_PRECEDENCE_ORDER = client_ip_precedence(env_str("EXCHANGE_CLIENT_IP_HEADER", ""))
AXES_IPWARE_PROXY_ORDER = "right-most"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("EXCHANGE_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
if not PRODUCTION:
    # WhiteNoise warns on every request when STATIC_ROOT is missing; locally it stays empty.
    STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "exchange" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            # Compressed, and named by content so browsers keep them: exchange/common/staticfiles.py.
            "exchange.common.staticfiles.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = Path(env_str("EXCHANGE_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))

# Email leaves through the outbox (exchange.mail); this is the transport the worker uses.
EMAIL_TRANSPORT = env_str("EXCHANGE_EMAIL_TRANSPORT", "smtp" if PRODUCTION else "console")
if EMAIL_TRANSPORT == "smtp":
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 25),
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=False),
                # Seconds: a hung mail server fails the attempt (retried later), never the worker.
                "timeout": env_int("EMAIL_TIMEOUT", 30),
            },
        }
    }
elif EMAIL_TRANSPORT in {"console", "locmem", "dummy"}:
    MAILERS = {"default": {"BACKEND": f"django.core.mail.backends.{EMAIL_TRANSPORT}.EmailBackend"}}
else:
    raise ImproperlyConfigured("EXCHANGE_EMAIL_TRANSPORT must be smtp, console, locmem or dummy")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Learning Exchange <no-reply@exchange.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: Django's tasks API, stored in the database and run by `manage.py db_worker`.
# EXCHANGE_TASKS_IMMEDIATE runs tasks in the request instead (tests, and `make run` without a worker).
TASKS = {
    "default": {
        "BACKEND": (
            "django.tasks.backends.immediate.ImmediateBackend"
            if env_bool("EXCHANGE_TASKS_IMMEDIATE", default=TESTING)
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}

# Only the session and CSRF cookies, both essential; no analytics, no tracking.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Twelve hours from the last request: exchange.people.middleware renews an active session.
SESSION_COOKIE_AGE = 60 * 60 * 12
# Messages wait in the session, not in a cookie of their own.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# A strict Content Security Policy: no inline script or style anywhere.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("EXCHANGE_LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 20
EXCHANGE_PAGE_SIZE = 20
# How long a process may keep the search synonyms before reading them again (saving one clears
# the shared cache at once). Tests keep them until a test clears them, so a test's query count
# never depends on when the cache last expired.
EXCHANGE_SEARCH_SYNONYMS_SECONDS = None if TESTING else 300
