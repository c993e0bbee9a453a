"""Settings, read from the environment with safe development defaults.

`DJANGO_PRODUCTION=1` switches on the production mode: DEBUG off, secure cookies, HSTS, mandatory
email verification and MFA for organizers. `manage.py check --deploy` passes cleanly in that mode.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = env_bool("DJANGO_PRODUCTION")
DEBUG = env_bool("DEBUG", default=not PRODUCTION)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("SECRET_KEY must be set in production mode")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdefghijklmnop"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "config.apps.ProjectStaticFilesConfig",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
    "accounts",
    "contests",
    "submissions",
    "scoring",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside LocaleMiddleware, so that it sees the answer's Content-Language.
    "config.middleware.KoreanParticlesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "config.nul.RejectNulMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "config.middleware.ScriptLoginMiddleware",
    "accounts.middleware.OrganizerMFAMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "config.context_processors.roles",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
elif os.environ.get("DB_PREPARED_STATEMENTS", "1") == "1":
    # PostgreSQL: values sent apart from the SQL (server-side binding), and a statement run twice
    # on a connection is prepared, so PostgreSQL plans it once: the autosave's checks (the
    # assignment in effect) cost more to plan than to run (bench/RESULTS.md). Set
    # DB_PREPARED_STATEMENTS=0 behind a pooler in transaction mode (PgBouncer), which cannot keep
    # prepared statements.
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 2}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Internationalization: Korean first, English second, Seoul time.
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("krds/css", BASE_DIR / "node_modules/krds-uiux/resources/css"),
    ("krds/fonts", BASE_DIR / "node_modules/krds-uiux/resources/fonts"),
    ("krds/img", BASE_DIR / "node_modules/krds-uiux/resources/img"),
]
# The full PretendardGOV fonts for PDFs (reports.pdf), read from here, not collected.
PDF_FONT_DIR = BASE_DIR / "node_modules/pretendard-gov/dist/web/static/woff"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Email (Django 6.1 MAILERS). EMAIL_URL-style pieces come from the environment.
if PRODUCTION or os.environ.get("EMAIL_HOST"):
    _mail_backend = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS"),
        },
    }
else:
    _mail_backend = {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
MAILERS = {"default": _mail_backend}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "심사시스템 <noreply@simsa.example.kr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


def site_url(value: str) -> str:
    """`value` as the site's address (scheme and host, no path), or ImproperlyConfigured."""
    from urllib.parse import urlsplit

    from django.core.exceptions import ImproperlyConfigured

    parts = urlsplit(value.strip())
    try:
        parts.port  # noqa: B018  (raises ValueError on a malformed port)
    except ValueError:
        parts = urlsplit("")
    if (
        parts.scheme not in {"http", "https"}
        or not parts.hostname
        or parts.username is not None
        or parts.path not in {"", "/"}
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            "SITE_URL must be the absolute http(s) address people open the site at, scheme "
            f"and host only, such as https://simsa.example.kr (it is {value!r})."
        )
    return f"{parts.scheme}://{parts.netloc}"


# Every emailed link starts with SITE_URL (config/mail.py); production refuses to start without it.
_site_url = os.environ.get("SITE_URL", "").strip()
if PRODUCTION and not _site_url:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "SITE_URL must be set in production mode: the absolute https address people open the "
        "site at, such as https://simsa.example.kr (every link in an email starts with it)."
    )
SITE_URL = site_url(_site_url or "http://127.0.0.1:8000")

# django-allauth: email login, verification, MFA, rate limits.
SITE_NAME = "우수사례 경진대회 심사시스템"
LOGIN_REDIRECT_URL = "home"
LOGIN_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = os.environ.get(
    "ACCOUNT_EMAIL_VERIFICATION", "mandatory" if PRODUCTION else "optional"
)
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_USER_DISPLAY = "accounts.display.user_display"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "  # the same prefix as our own emails
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# A locked-out owner signs in at once with a one-time code sent by email (then TOTP if set up).
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_RATE_LIMITS = {
    # Failed passwords: 5 per (client address, account) in 5 minutes ("key" is that pair, see
    # accounts/adapter.py), 30 per address (a whole ministry may share one NAT), and a ceiling
    # of 100 per account per hour from all addresses together.
    "login_failed": "30/5m/ip,5/5m/key",
    "login_failed_account": "100/1h/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# Rate-limit counters live in the cache. In production several worker processes (and hosts) must
# count together, so the cache is a database table (`manage.py createcachetable`); in development
# and tests, one process's memory.
if PRODUCTION:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "simsa_cache",
        }
    }
# Behind a reverse proxy, the number of proxies that append to X-Forwarded-For: rate limits then
# count the real client address instead of the proxy's.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "simsa"
# When on, organizers must set up TOTP before any organizer page opens.
REQUIRE_ORGANIZER_MFA = env_bool("REQUIRE_ORGANIZER_MFA", default=PRODUCTION)

# Content Security Policy: no inline script or style anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
# A failed CSRF check: JSON 403 for page scripts (they renew the token, retry), else our 403 page.
CSRF_FAILURE_VIEW = "config.views.csrf_failure"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_REFERRER_POLICY = "same-origin"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Background tasks (report rendering, mass email) use Django's task framework. Development runs them
# in-process; production queues them in the database for `manage.py db_worker` (django-tasks-db).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASK_BACKEND",
            "django_tasks_db.DatabaseBackend"
            if PRODUCTION
            else "django.tasks.backends.immediate.ImmediateBackend",
        )
    }
}
# A report build queued or running longer than this (seconds) counts as failed and may be retried
# (a killed worker, or none running). Report files are kept in the default storage under reports/.
REPORT_BUILD_TIMEOUT = int(os.environ.get("REPORT_BUILD_TIMEOUT", str(15 * 60)))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every PDF step at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- The installation: who runs this site, and the organizing ministry's logo -----------------
# Shown in every page's footer and in the privacy policy (/privacy/) and terms (/terms/), through
# the context processor config.site_context.site (README "The operator and the logo"). Empty
# values are left out of the pages. Set them for every real installation.
SITE_OPERATOR_NAME = os.environ.get("SITE_OPERATOR_NAME", "").strip() or "심사시스템 운영기관"
SITE_OPERATOR_ADDRESS = os.environ.get("SITE_OPERATOR_ADDRESS", "").strip()
SITE_OPERATOR_PHONE = os.environ.get("SITE_OPERATOR_PHONE", "").strip()
SITE_OPERATOR_EMAIL = os.environ.get("SITE_OPERATOR_EMAIL", "help@simsa.example.kr").strip()
# 개인정보 보호책임자 (the privacy officer: department and name); the operator when empty.
SITE_PRIVACY_OFFICER = os.environ.get("SITE_PRIVACY_OFFICER", "").strip()
# The ministry's logo beside the system's name in the header: a static file's path (e.g.
# "img/ministry.svg", collected by collectstatic), a path on this site ("/brand/logo.svg") or an
# http(s) URL, whose origin is then allowed in the CSP's img-src. No logo when empty.
SITE_LOGO_URL = os.environ.get("SITE_LOGO_URL", "").strip()
# The logo's alternative text: the ministry's name (the operator's name when empty).
SITE_LOGO_ALT = os.environ.get("SITE_LOGO_ALT", "").strip()


def logo_csp_source(value: str) -> str | None:
    """The origin to allow in img-src for a logo at `value`: only for an absolute http(s) URL."""
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    try:
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.hostname}" + (f":{port}" if port else "")


if _logo_source := logo_csp_source(SITE_LOGO_URL):
    SECURE_CSP["img-src"] = [*SECURE_CSP["img-src"], _logo_source]
TEMPLATES[0]["OPTIONS"]["context_processors"].append("config.site_context.site")

# --- Uploaded files on object storage (README "Production") -----------------------------------
# MEDIA_STORAGE=s3 keeps uploaded files (attachments, built reports) in an S3-compatible bucket
# (AWS S3, MinIO, Ceph, NCloud Object Storage …) through django-storages, so that several app
# hosts share them; the default stays the file system under MEDIA_ROOT. Files are private: no
# ACL is sent (the bucket's own default, which must not be public), and no code builds a URL to
# the bucket; every download goes through the app's permission-checked views, which read the
# bytes with `.open()` (reports/exporters.py). Names are never overwritten (as on a file system).
if os.environ.get("MEDIA_STORAGE", "filesystem").strip().lower() == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# EMAIL_TO_CONSOLE=1 prints every email (in the task worker's output) instead of sending it, in
# any mode: `./run prod` sets it on loopback when no EMAIL_HOST is given.
if env_bool("EMAIL_TO_CONSOLE"):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
