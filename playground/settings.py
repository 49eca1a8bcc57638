"""Settings for the Django data-modelling playground.

Every value a user may want to change comes from the environment (see
.env.example); the defaults make a local playground that runs on SQLite with
nothing but Python installed. Docs: https://docs.djangoproject.com/en/6.1/ref/settings/
"""

import os
import socket
import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from playground.env import database_from_env

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -------------------------------------------------------------------
# DEBUG is on by default: this is a local teaching playground, not a deployment.
DEBUG = env.bool("DEBUG", default=True)
_DEV_SECRET_KEY = "django-insecure-playground-development-key-do-not-deploy"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == _DEV_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# --- HTTPS (what `check --deploy` asks for) -------------------------------------
# On by default whenever DEBUG is off: a deployment is served over HTTPS. SECURE_HTTPS=false
# is the switch for a production-mode run over plain HTTP on your own machine (cookies
# would otherwise never come back, and every page would redirect to https://).
SECURE_HTTPS = env.bool("SECURE_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = SECURE_HTTPS
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
# HSTS tells browsers to refuse plain HTTP for this host for a year: only with HTTPS on.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if SECURE_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=SECURE_HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=SECURE_HTTPS)
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    # Behind a proxy that terminates TLS and says so in X-Forwarded-Proto (and strips it from clients).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# pytest-django and `manage.py test` switch DEBUG off; the toolbar must not even be
# installed then, or it would add queries to the counts the tests assert.
TESTING = "PYTEST_VERSION" in os.environ or sys.argv[1:2] == ["test"]
DEBUG_TOOLBAR = DEBUG and not TESTING

# --- Applications -----------------------------------------------------------
INSTALLED_APPS = [
    # First, so that its admin templates (the index grouped per lab) win over the admin's own.
    "playground.labkit",
    "playground.apps.PlaygroundAdminConfig",  # replaces django.contrib.admin
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # ArrayField and GinIndex (query lab); harmless on SQLite, where those tables are skipped.
    "django.contrib.postgres",
    "polymorphic",
    "import_export",
    "playground.users",
    # The lessons: each its own app label, each using the toolkit (never the other way round).
    "relations",
    "inheritance",
    "playground.querylab",
    "playground.migrations_lab",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# --- Debug toolbar (only where DEBUG is on and the request is local) --------
# https://django-debug-toolbar.readthedocs.io/en/latest/installation.html
INTERNAL_IPS = ["127.0.0.1", "::1"] + env.list("INTERNAL_IPS", default=[])
if env.bool("USE_DOCKER", default=False):
    # The host's browser reaches a container through the bridge gateway (x.x.x.1).
    _, _, _ips = socket.gethostbyname_ex(socket.gethostname())
    INTERNAL_IPS += [ip[: ip.rfind(".")] + ".1" for ip in _ips]
if DEBUG_TOOLBAR:
    INSTALLED_APPS.append("debug_toolbar")
    MIDDLEWARE.insert(0, "debug_toolbar.middleware.DebugToolbarMiddleware")
    DEBUG_TOOLBAR_CONFIG = {
        "SHOW_TOOLBAR_CALLBACK": "playground.toolbar.show_toolbar",
        # Opened, it covers the admin's right-hand buttons: start as a handle. The toolbar keeps
        # the user's own choice (open or closed) in localStorage from then on.
        "SHOW_COLLAPSED": True,
    }
    # The toolbar's default panels, plus the N+1 panel right after the SQL panel it reads.
    DEBUG_TOOLBAR_PANELS = [
        "debug_toolbar.panels.history.HistoryPanel",
        "debug_toolbar.panels.versions.VersionsPanel",
        "debug_toolbar.panels.timer.TimerPanel",
        "debug_toolbar.panels.settings.SettingsPanel",
        "debug_toolbar.panels.headers.HeadersPanel",
        "debug_toolbar.panels.request.RequestPanel",
        "debug_toolbar.panels.sql.SQLPanel",
        "playground.labkit.toolbar_n_plus_one.panel.NPlusOnePanel",
        "debug_toolbar.panels.staticfiles.StaticFilesPanel",
        "debug_toolbar.panels.templates.TemplatesPanel",
        "debug_toolbar.panels.alerts.AlertsPanel",
        "debug_toolbar.panels.cache.CachePanel",
        "debug_toolbar.panels.signals.SignalsPanel",
        "debug_toolbar.panels.tasks.TasksPanel",
        "debug_toolbar.panels.community.CommunityPanel",
        "debug_toolbar.panels.redirects.RedirectsPanel",
        "debug_toolbar.panels.profiling.ProfilingPanel",
    ]

ROOT_URLCONF = "playground.urls"
WSGI_APPLICATION = "playground.wsgi.application"
ASGI_APPLICATION = "playground.asgi.application"

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

# --- Database ---------------------------------------------------------------
# DATABASE_URL unset: a SQLite file beside manage.py. postgres://... : PostgreSQL.
# CONN_MAX_AGE, CONN_HEALTH_CHECKS and STATEMENT_TIMEOUT_MS tune the connection.
DATABASES = {"default": database_from_env(env, BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# dumpdata/loaddata/flush skip PostgreSQL-only models on other databases, as migrate does.
DATABASE_ROUTERS = ["playground.routers.RequiredVendorRouter"]
# SQLite cannot build a deferrable (W038) or nulls_distinct (W047) unique constraint; the
# relations constraint models show both on purpose, say so on their changelists, and the
# admin still checks the rule in Python. Likewise SQLite keeps no comments on tables (W046)
# or columns (W163): relations.OrderLine carries them for PostgreSQL's COMMENT ON.
# Without this, every migrate on SQLite warns.
SILENCED_SYSTEM_CHECKS = ["models.W038", "models.W047", "models.W046", "fields.W163"]

# --- Fixtures ---------------------------------------------------------------
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# --- Auth -------------------------------------------------------------------
# A custom user model from the first migration (Django's advice for a new project).
AUTH_USER_MODEL = "users.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# Tests create hundreds of users: a deliberately weak, fast hasher there, Django's default elsewhere.
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

# --- django-import-export ---------------------------------------------------
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True

# --- Logging ----------------------------------------------------------------
# Django's default sends django.request errors to the console only with DEBUG on (and
# mails them to ADMINS otherwise): with DEBUG off a 500 left no traceback anywhere.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

# --- Demo data --------------------------------------------------------------
# With DEBUG off (production mode, fixed when the settings load: the test runner switches
# DEBUG off later) setup_demo creates the superuser only with a DEMO_ADMIN_PASSWORD that
# passes AUTH_PASSWORD_VALIDATORS; there is no admin/admin default then.
PRODUCTION_MODE = not DEBUG
DEMO_ADMIN_USERNAME = env.str("DEMO_ADMIN_USERNAME", default="admin")
DEMO_ADMIN_PASSWORD = env.str("DEMO_ADMIN_PASSWORD", default="" if PRODUCTION_MODE else "admin")
DEMO_ADMIN_EMAIL = env.str("DEMO_ADMIN_EMAIL", default="admin@example.com")
