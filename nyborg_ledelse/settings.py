"""Ledelsesrum settings: every value that differs between installations comes from the environment.

The defaults are the safe local ones: SQLite in the project folder, Celery tasks run inline,
DEBUG off. A value that cannot be understood stops the start-up instead of being guessed.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1/0, true/false, yes/no).")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def envint_between(name: str, default: int, low: int, high: int) -> int:
    value = envint(name, default)
    if not low <= value <= high:
        raise ImproperlyConfigured(f"{name}={value} must be between {low} and {high}.")
    return value


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)
# The one switch for a production site behind TLS: redirects, secure cookies, HSTS, a real key.
HTTPS = envbool("HTTPS", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if HTTPS:
        raise ImproperlyConfigured("SECRET_KEY must be set when HTTPS is on (production).")
    # Only good for a laptop: sessions signed with it are not secret.
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production-0123456789"

# Former keys, still accepted for signatures while sessions and reset links made with them
# expire: rotate by moving the old key here and setting a new SECRET_KEY.
SECRET_KEY_FALLBACKS = envlist("SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The domain in calendar UIDs and Message-IDs. Clients match updates and cancellations of an
# invitation by its UID, so this is chosen once and never changed; it is deliberately not taken
# from SITE_URL, which may be corrected later.
MESSAGE_ID_DOMAIN = os.environ.get("MESSAGE_ID_DOMAIN", "")

if HTTPS:
    # Without these a production site "works" but mails go to a log and links to localhost.
    _missing = [
        name
        for name in ["SITE_URL", "EMAIL_HOST", "DEFAULT_FROM_EMAIL", "MESSAGE_ID_DOMAIN"]
        if not os.environ.get(name, "").strip()
    ]
    if _missing:
        raise ImproperlyConfigured(
            "HTTPS is on (production), so these must be set: "
            + ", ".join(_missing)
            + ". MESSAGE_ID_DOMAIN is fixed once: if invitations were already sent, use the "
            "domain they carry (until now the host name of SITE_URL)."
        )
    if not SITE_URL.startswith("https://"):
        raise ImproperlyConfigured(
            f"SITE_URL={SITE_URL!r} must start with https:// when HTTPS is on."
        )
MESSAGE_ID_DOMAIN = MESSAGE_ID_DOMAIN or "ledelsesrum.localhost"

# The municipality this installation serves: shown in the layout and in e-mails.
MUNICIPALITY_NAME = os.environ.get("MUNICIPALITY_NAME") or "Nyborg Kommune"
ACCESSIBILITY_STATEMENT_URL = (
    os.environ.get("ACCESSIBILITY_STATEMENT_URL") or "https://www.was.digst.dk/nyborg-dk"
)

INSTALLED_APPS = [
    "nyborg_ledelse.organisation",
    "nyborg_ledelse.notifications",
    "groups",
    "meetings",
    "meetings.room",
    "topicbank",
    "coaching",
    "coaching.development",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.microsoft",
    "crispy_forms",
    "crispy_bootstrap5",
]

MIDDLEWARE = [
    # First: /healthz answers before the host check and the HTTPS redirect.
    "nyborg_ledelse.health.HealthCheckMiddleware",
    # Next: what the rest believe about the scheme and the client depends on it.
    "nyborg_ledelse.organisation.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nyborg_ledelse.organisation.middleware.ChosenLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "nyborg_ledelse.organisation.middleware.SecondFactorMiddleware",
]

ROOT_URLCONF = "nyborg_ledelse.urls"
CSRF_FAILURE_VIEW = "nyborg_ledelse.errors.csrf_failure"
WSGI_APPLICATION = "nyborg_ledelse.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nyborg_ledelse.organisation.context_processors.site",
                "nyborg_ledelse.navigation.navigation",
            ],
        },
    },
]

# No DATABASE_URL: SQLite next to manage.py, so the quick start needs no services.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Opening SQLite costs nothing. The test database is a file, not shared memory, so the
    # browser tests' server threads each open their own connection.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisation.Leader"
AUTHENTICATION_BACKENDS = ["nyborg_ledelse.organisation.backends.RegisterAuthenticationBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# allauth: accounts come from the leaders register, so nobody signs up.
ACCOUNT_ADAPTER = "nyborg_ledelse.organisation.adapters.RegisterAccountAdapter"
SOCIALACCOUNT_ADAPTER = "nyborg_ledelse.organisation.adapters.RegisterSocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
}
# A second factor (an authenticator app, with recovery codes) for password logins; HR and
# administrators must set one up (organisation/middleware.py: SecondFactorMiddleware).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Ledelsesrum"
SOCIALACCOUNT_ONLY = False
# allauth's own matching by e-mail trusts only addresses it has seen verified, and wipes the local
# password of an account it matches otherwise. The register adapter matches Entra accounts to
# leaders itself (the municipality's own tenant is the authority on its addresses), so this is off.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_LOGIN_ON_GET = False
# The number of proxies in front of gunicorn that add to X-Forwarded-For (1 behind one TLS
# proxy). The per-address login limits key on the address this many hops from the end; 0 keys
# on the connecting address, which behind a proxy is the proxy's, i.e. everyone's at once.
ALLAUTH_TRUSTED_PROXY_COUNT = envint("ALLAUTH_TRUSTED_PROXY_COUNT", 0)

# Single sign-on with the municipality's Microsoft Entra ID: set all three to switch it on.
ENTRA_TENANT_ID = os.environ.get("ENTRA_TENANT_ID", "")
ENTRA_CLIENT_ID = os.environ.get("ENTRA_CLIENT_ID", "")
ENTRA_CLIENT_SECRET = os.environ.get("ENTRA_CLIENT_SECRET", "")
_entra = [ENTRA_TENANT_ID, ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET]
if any(_entra) and not all(_entra):
    raise ImproperlyConfigured(
        "Entra ID needs ENTRA_TENANT_ID, ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET together."
    )
ENTRA_ENABLED = all(_entra)
# Leaders from the register must log in with Entra ID; the password login and reset remain only
# for accounts made by hand (HR, IT), which are to use a second factor.
SSO_ONLY = envbool("SSO_ONLY", False)
if SSO_ONLY and not ENTRA_ENABLED:
    raise ImproperlyConfigured("SSO_ONLY=1 needs Entra ID (the three ENTRA_* settings).")
# Whom a person refused by the Entra login is told to contact (shown as written).
SSO_CONTACT = os.environ.get("SSO_CONTACT") or "HR og Personale"
SOCIALACCOUNT_PROVIDERS = {}
if ENTRA_ENABLED:
    SOCIALACCOUNT_PROVIDERS["microsoft"] = {
        "APPS": [
            {
                "client_id": ENTRA_CLIENT_ID,
                "secret": ENTRA_CLIENT_SECRET,
                "settings": {"tenant": ENTRA_TENANT_ID},
            }
        ],
        "SCOPE": ["User.Read"],
    }

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if envbool("STATIC_MANIFEST", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Without collectstatic (quick start, tests) whitenoise serves straight from the source folders.
WHITENOISE_USE_FINDERS = not envbool("STATIC_MANIFEST", False)
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS

# No external origin at all: everything the pages load is vendored under static/.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF, "https://login.microsoftonline.com"],
    "frame-ancestors": [CSP.NONE],
}

SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# The TLS proxy in front (addresses or networks, e.g. 172.28.48.1 or 10.0.0.0/24): only a request
# from there may say it came over HTTPS or from another client address. Without it no proxy header
# is believed, since anyone could send one (README, "Production").
try:
    TRUSTED_PROXY = [ipaddress.ip_network(item, strict=False) for item in envlist("TRUSTED_PROXY")]
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXY: {error}") from None
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY else None
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
X_FRAME_OPTIONS = "DENY"

# No EMAIL_HOST: e-mails are printed to the console, so the quick start needs no mail server.
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": envint("EMAIL_PORT", 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": envbool("EMAIL_USE_TLS", True),
                "timeout": envint("EMAIL_TIMEOUT", 30),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Ledelsesrum <ledelsesrum@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# No broker: every task runs inline in the web process, so the quick start needs no worker.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")

# The login rate limits live in the cache: with several gunicorn workers it must be shared
# (Redis), or each worker counts for itself and a restart forgets. The quick start has one
# process and no Redis, so it keeps the local memory cache.
CACHE_URL = os.environ.get("CACHE_URL") or (
    CELERY_BROKER_URL if CELERY_BROKER_URL.startswith(("redis://", "rediss://")) else ""
)
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://")):
        raise ImproperlyConfigured(f"CACHE_URL={CACHE_URL!r} must be a redis:// address.")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "ledelsesrum",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TIMEZONE = TIME_ZONE
# The worker logs through LOGGING below, in the same format as the web process.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Tasks are short (one e-mail each); a few in hand keep a worker busy between broker round trips.
CELERY_WORKER_PREFETCH_MULTIPLIER = envint("CELERY_WORKER_PREFETCH_MULTIPLIER", 4)
# Longer than any task may run, so Redis does not hand a running task to a second worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": envint("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_TASK_TIME_LIMIT = 600
# Celery closes the database connection around every task unless told to reuse it; for
# one-e-mail tasks, reconnecting cost more than the work.
CELERY_DB_REUSE_MAX = envint("CELERY_DB_REUSE_MAX", 200)
CELERY_BEAT_SCHEDULE = {
    "dispatch-due-messages": {
        "task": "nyborg_ledelse.notifications.tasks.dispatch_due_messages",
        "schedule": envint("NOTIFICATIONS_DISPATCH_SECONDS", 30),
    },
    # Early morning, before anyone reads their mail: dates that passed overnight are applied.
    "daily-round": {
        "task": "nyborg_ledelse.organisation.tasks.daily_round",
        "schedule": crontab(hour=envint_between("DAILY_ROUND_HOUR", 5, 0, 23), minute=0),
    },
}

NOTIFICATIONS = {
    "MAX_ATTEMPTS": envint("NOTIFICATIONS_MAX_ATTEMPTS", 5),
    "RETRY_BASE_SECONDS": envint("NOTIFICATIONS_RETRY_BASE_SECONDS", 60),
    # Longer than CELERY_TASK_TIME_LIMIT: a claim this old belongs to a worker that is gone.
    "CLAIM_LEASE_SECONDS": envint("NOTIFICATIONS_CLAIM_LEASE_SECONDS", 900),
    "DISPATCH_BATCH": envint("NOTIFICATIONS_DISPATCH_BATCH", 5000),
    "TASK_BATCH": envint("NOTIFICATIONS_TASK_BATCH", 25),
}

# Uploaded register files: XLSX and CSV exports are small; anything larger is a mistake.
REGISTER_IMPORT_MAX_BYTES = envint("REGISTER_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
TOPIC_FILE_MAX_BYTES = envint("TOPIC_FILE_MAX_BYTES", 10 * 1024 * 1024)

# Support offers: quotas per leader and calendar year, set by the municipality.
COACHING = {
    "ANONYMOUS_HOURS": envint("COACHING_ANONYMOUS_HOURS", 5),
    "APPROVED_HOURS": envint("COACHING_APPROVED_HOURS", 5),
    "PSYCHOLOGIST_HOURS": envint("PSYCHOLOGIST_HOURS", 10),
    # The longest one coaching session (a booking or a group's course) may be.
    "SESSION_MAX_HOURS": envint_between("COACHING_SESSION_MAX_HOURS", 3, 1, 24),
    # The pool is expected to fund this many larger courses a year.
    "POOL_COURSES_EXPECTED": (envint("POOL_COURSES_MIN", 4), envint("POOL_COURSES_MAX", 6)),
}

# How many days the group has to comment on a summary's draft, unless the host chooses otherwise.
SUMMARY_COMMENT_DAYS = envint("SUMMARY_COMMENT_DAYS", 5)

# Evaluations and surveys close this many days after the meeting (or the round's last day);
# results are shown only then, or at once when everyone asked has answered.
ANSWERS_CLOSE_DAYS = envint("ANSWERS_CLOSE_DAYS", 14)

# How far back a private calendar feed reaches.
CALENDAR_FEED_DAYS_BACK = envint("CALENDAR_FEED_DAYS_BACK", 365)

# The cross-cutting groups: the municipality's own bounds and how long the composer may think.
GROUPS = {
    "MIN_SIZE": envint("GROUPS_MIN_SIZE", 10),
    "MAX_SIZE": envint("GROUPS_MAX_SIZE", 12),
    # A rebalance may end this many percent above the best mix found from scratch.
    "TOLERANCE_PERCENT": envint("GROUPS_TOLERANCE_PERCENT", 5),
    "TIME_LIMIT_SECONDS": envint("GROUPS_TIME_LIMIT_SECONDS", 20),
}

# One line per event, with time, level and logger; LOG_FORMAT=json for a log collector.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r} must be text or json.")
# Personal data with an end (GDPR art. 5(1)(e)): how long each kind is kept before the daily
# round removes it. The administrators' page "Opbevaring af data" shows each with its reason.
RETENTION = {
    # Uploaded register files (payroll data), counted from applying (or uploading, if never applied).
    "REGISTER_FILE_DAYS": envint_between("RETENTION_REGISTER_FILE_DAYS", 30, 1, 365),
    # Message bodies and calendar attachments, counted from sending; the row stays as the record.
    "MESSAGE_CONTENT_DAYS": envint_between("RETENTION_MESSAGE_CONTENT_DAYS", 90, 1, 3650),
    "ACCESS_LOG_YEARS": envint_between("RETENTION_ACCESS_LOG_YEARS", 2, 1, 10),
    # Summaries, feedback, evaluations and survey results, counted from the meeting.
    "MEETING_RECORD_YEARS": envint_between("RETENTION_MEETING_RECORD_YEARS", 5, 1, 30),
    # Coaching, psychologist and pool records: full financial years after their own year. The
    # accounting act (bogføringsloven § 12) asks for 5, so fewer is refused.
    "SUPPORT_FINANCIAL_YEARS": envint_between("RETENTION_SUPPORT_FINANCIAL_YEARS", 5, 5, 30),
    # A leader who left: their personal details, counted from the end date.
    "LEAVER_MONTHS": envint_between("RETENTION_LEAVER_MONTHS", 12, 1, 120),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "nyborg_ledelse.logs.JsonFormatter"},
    },
    "filters": {"forbidden_in_one_line": {"()": "nyborg_ledelse.logs.ForbiddenInOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "loggers": {
        # Django's own console handler would print these a second time, without the format.
        "django": {"handlers": [], "propagate": True},
        "django.request": {"filters": ["forbidden_in_one_line"]},
        "django.security.DisallowedHost": {"filters": ["forbidden_in_one_line"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
