"""Settings shared by every environment. Values come from the environment (django-environ)."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.syndication",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "accounts.axes_app.LoginProtectionConfig",  # django-axes, with Chinese names in the admin
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Layers, lowest first (docs/architecture.md; import-linter keeps them so).
    "core",
    "accounts",
    "notifications",
    "rooms",
    "departments",
    "issues",
    "deliberations",
    "announcements",
    "checkins",
    "members",
    "cases",
    "figures",
    "portal",
    "workspace",
    "liaison",
    "backoffice",
    "api",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RequestBodyLimitMiddleware",  # 413 before a too-large body is read
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy header (django-csp)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",  # database unreachable: 503 + Retry-After, JSON on /api/
    "core.middleware.RejectNulCharactersMiddleware",  # NUL in a parameter: 400 instead of a PostgreSQL 500
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.pagecache.PageCacheMiddleware",  # whole public pages for anonymous visitors; below all that sets headers
    "simple_history.middleware.HistoryRequestMiddleware",
    # AxesMiddleware must be last: it turns a lockout into the locked-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "chongchuan.urls"
WSGI_APPLICATION = "chongchuan.wsgi.application"
ASGI_APPLICATION = "chongchuan.asgi.application"

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
                "django.template.context_processors.i18n",
                "core.context_processors.site",
                "notifications.context_processors.unread",
                "core.pagecache.csrf_marker",  # CSRF hole in cached pages; after Django's csrf processor
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a concurrent writer instead of failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", 20)
    # Take the write lock when a transaction begins (BEGIN IMMEDIATE): concurrent writers then wait
    # their turn for up to `timeout` seconds. With SQLite's default (deferred), a transaction that
    # read first and writes later fails at once with "database is locked" when another writer holds
    # the lock (measured: 8 of 10 concurrent session saves answered 500 before this).
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://chongchuan")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# The open-data API (/api/v1/). Rate limits (documented in the API docs and the README):
# anonymous clients 120 requests a minute per IP, clients with a token 600 a minute per user;
# a client over the limit gets 429 with Retry-After. API_THROTTLE_ANON / API_THROTTLE_USER
# override them (the fuzz run in CI raises them so fuzzing is not throttled).
API_THROTTLE_ANON = env("API_THROTTLE_ANON", default="120/min")
API_THROTTLE_USER = env("API_THROTTLE_USER", default="600/min")
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "core.api.ordering.StrictOrderingFilter",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ApiTokenAuthentication",  # hashed, expiring tokens (accounts.ApiToken)
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.CappedPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": ["core.api.throttles.AnonThrottle", "core.api.throttles.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": API_THROTTLE_ANON, "user": API_THROTTLE_USER},
    "EXCEPTION_HANDLER": "core.api.errors.api_exception_handler",
    "ORDERING_PARAM": "ordering",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "有事好商量 · 协商议事室平台 开放数据接口",
    "DESCRIPTION": (
        "崇川区政协协商议事室的公开数据：街道、社区、界别、议事室、议事活动及参与人数、民生问题及进展时间线、"
        "成果转化、媒体报道、来访考察和全区统计。\n\n"
        "**读取**：无需登录。**写入**：召集人使用令牌（请求头 `Authorization: Token <令牌>`，"
        "令牌由区政协机关在管理后台签发和吊销，签发时只显示一次，默认 180 天后过期，修改密码后自动失效），"
        "只能为自己担任召集人的议事室登记、修改议事活动和发布问题进展；"
        "其他议事室的对象返回 404。\n\n"
        "**限流**：匿名每个 IP 每分钟 120 次，持令牌每个用户每分钟 600 次；超出返回 429 并带 Retry-After 头。\n\n"
        "**分页**：`page` 从 1 开始，`page_size` 默认 20、最多 100。列表接口加 `?format=csv` 导出 CSV。"
        "`count` 最多计到 10,000 条，超过时 `count_is_capped` 为 true。议事室、议事活动和民生问题列表的"
        " `page` 最多到 50，更靠后的数据请跟随 `next` 链接（带不透明的 `cursor` 参数，只能向后翻）。"
        "全部公开数据表可从 `/api/v1/export/opendata.zip` 一次下载。\n\n"
        "**错误**：一律为 JSON；400 的响应体以字段名为键，值为中文错误说明列表。"
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.path_ids_are_integers",
    ],
    "ENUM_NAME_OVERRIDES": {
        "StreetKindEnum": "rooms.models.Street.Kind",
        "CommunityKindEnum": "rooms.models.Community.Kind",
        "RoomLevelEnum": "rooms.models.Room.Level",
        "SessionKindEnum": "deliberations.models.Session.Kind",
        "SessionStatusEnum": "deliberations.models.Session.Status",
        "AttendanceRoleEnum": "deliberations.models.Attendance.Role",
        "IssueStatusEnum": "issues.models.Issue.Status",
        "IssueTriageEnum": "issues.models.Issue.Triage",
        "OutcomeKindEnum": "issues.models.Outcome.Kind",
        "OutcomeAdoptionEnum": "issues.models.Outcome.Adoption",
        "MediaReportLevelEnum": "figures.models.MediaReport.Level",
    },
    "TAGS": [
        {"name": "议事室", "description": "协商议事室及其公开数字。"},
        {"name": "登记信息", "description": "街道、社区、界别：覆盖率的分母。"},
        {"name": "议事活动", "description": "议事活动、参与人数和议事月；召集人可登记和修改。"},
        {"name": "民生问题", "description": "公开的民生问题及进展时间线；召集人可发布进展。"},
        {"name": "成果转化", "description": "建议、提案和社情民意信息。"},
        {"name": "宣传与交流", "description": "媒体报道和兄弟政协来访考察。"},
        {"name": "统计", "description": "全区统计与开放数据全量下载。"},
    ],
}

# django-axes: 5 failed logins per username and IP lock that pair out for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="noreply@chongchuan.local")
# The SMTP server, when DJANGO_EMAIL_BACKEND is django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = env("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("DJANGO_EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = 20

PORTAL_NAME = _("有事好商量 · 协商议事室平台")
PORTAL_OWNER = _("崇川区政协")
# The address of the site as people reach it: links in e-mails and reminders start with it.
PORTAL_BASE_URL = env("DJANGO_PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}

# Background tasks (django-tasks): notifications are sent by a worker, never in the request.
# The database backend is the embedded default (`manage.py db_worker`); production can switch to
# RQ or Celery by changing the backend here (see the README).
TASKS = {
    "default": {
        "BACKEND": env("DJANGO_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# Channel backends of notifications (notifications/channels.py). E-mail goes through Django's
# EMAIL_BACKEND; SMS and WeChat only write to the log until a gateway is configured.
NOTIFICATION_CHANNELS = {
    "email": {"BACKEND": "notifications.channels.EmailChannel"},
    "sms": {
        "BACKEND": env("NOTIFY_SMS_BACKEND", default="notifications.channels.LogChannel"),
        "URL": env("NOTIFY_SMS_URL", default=""),
        "TOKEN": env("NOTIFY_SMS_TOKEN", default=""),
        "SIGN": env("NOTIFY_SMS_SIGN", default="崇川区政协"),
    },
    "wechat": {
        "BACKEND": env("NOTIFY_WECHAT_BACKEND", default="notifications.channels.LogChannel"),
        "CORP_ID": env("NOTIFY_WECOM_CORP_ID", default=""),
        "SECRET": env("NOTIFY_WECOM_SECRET", default=""),
        "AGENT_ID": env("NOTIFY_WECOM_AGENT_ID", default=""),
    },
}

# ---- Security headers and request limits ----
# Content-Security-Policy (django-csp 4): scripts and styles come only from our own static files.
# No inline <script>, no on* handler attribute and no style attribute anywhere in the templates;
# JSON for the charts sits in <script type="application/json"> blocks, which are never executed.
# The Redoc page alone relaxes style-src (its bundle injects <style> elements): api/urls.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie: forms carry the token in a hidden field, Swagger UI gets it
# rendered into its init script. So the cookie can be hidden from JavaScript.
CSRF_COOKIE_HTTPONLY = True

# Request size. The largest legitimate request is the session form: up to 12 photos of at most
# 5 MB each (60 MB) plus the text fields, so a whole request body may be 64 MB
# (REQUEST_BODY_MAX_SIZE, checked against Content-Length by core.middleware before anything is
# read; a larger body gets 413 with a Chinese page, or 413 JSON under /api/).
# nginx in front must allow the same: `client_max_body_size 64m;`
REQUEST_BODY_MAX_SIZE = env.int("DJANGO_REQUEST_BODY_MAX_SIZE", default=64 * 1024 * 1024)
# Everything but uploaded files (form fields, JSON): 5 MB is far above any text the forms take.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# An uploaded file up to 5 MB stays in memory; a larger one is streamed to a temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The session form with its attendance rows and issue formset stays well below 1000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# 12 photos on the session form; the roster import sends one file.
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# ---- Accounts: API tokens, password reset, registry import files ----------------------------------
# API tokens (accounts.ApiToken) expire this many days after they are issued; staff may pick an
# earlier date when issuing one.
API_TOKEN_LIFETIME_DAYS = env.int("API_TOKEN_LIFETIME_DAYS", default=180)
# Password reset requests: at most 5 an hour per client IP (core.ratelimit) and per e-mail address.
PUBLIC_FORM_RATE_LIMITS = {**globals().get("PUBLIC_FORM_RATE_LIMITS", {}), "password_reset": (5, 60 * 60)}
PASSWORD_RESET_EMAIL_LIMIT = (5, 60 * 60)
# Files that must never be served by a URL (the registry import previews kept between upload and
# confirmation). Outside MEDIA_ROOT, which the web server serves.
PRIVATE_DATA_ROOT = Path(env("DJANGO_PRIVATE_DATA_ROOT", default=str(BASE_DIR / "private")))
# An .xlsx is a zip archive: before parsing, the registry import refuses archives that would expand
# past these limits (a small file can unpack to hundreds of megabytes).
REGISTRY_IMPORT_MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
REGISTRY_IMPORT_MAX_MEMBERS = 1000
REGISTRY_IMPORT_MAX_RATIO = 100

# --- Session photos: size limit and serving -------------------------------------------------
# The most pixels (width x height, read from the file's header before decoding) an uploaded photo
# may have; larger ones are refused with a form error (see core/photos.py).
PHOTO_MAX_PIXELS = env.int("PHOTO_MAX_PIXELS", default=40_000_000)
# Session photos are served by a Django view (portal/photo_views.py) that answers 404 for a photo
# whose session is deleted or not public. Behind nginx, let nginx send the bytes: set
# PHOTO_SENDFILE_HEADER=X-Accel-Redirect and PHOTO_SENDFILE_PREFIX=/protected-media/, and in nginx
#     location /media/sessions/ { proxy_pass http://app; }          # through Django, not `alias`
#     location /protected-media/ { internal; alias /srv/chongchuan/media/; }
# (X-Sendfile for Apache/lighttpd: PHOTO_SENDFILE_HEADER=X-Sendfile, prefix = the MEDIA_ROOT path.)
# Empty header: Django streams the file itself.
PHOTO_SENDFILE_HEADER = env("PHOTO_SENDFILE_HEADER", default="")
PHOTO_SENDFILE_PREFIX = env("PHOTO_SENDFILE_PREFIX", default="/protected-media/")

# Client IP behind reverse proxies (core/clientip.py). The number of trusted proxies in front of
# the application that append to X-Forwarded-For: 0 = reached directly, use REMOTE_ADDR and
# ignore the header (a client can write it); 1 = one nginx in front (`proxy_set_header
# X-Forwarded-For $proxy_add_x_forwarded_for`). The login lockout, the residents' forms and the
# API throttles all read the client through this one setting.
TRUSTED_PROXY_HOPS = env.int("DJANGO_TRUSTED_PROXY_HOPS", default=0)
AXES_CLIENT_IP_CALLABLE = "core.clientip.client_ip"
# DRF's own reading agrees (the throttles bypass it with core.clientip anyway).
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_HOPS

# Database outages (core/errors.py, core/middleware.py): pages answer 503 with Retry-After while
# the database is unreachable. A persistent connection (`?conn_max_age=…` in DATABASE_URL) is
# checked before a request reuses it, so a worker holding a connection from before a database
# restart reconnects at once instead of failing its first request.
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)


# Caches -----------------------------------------------------------------------------------------
# CACHE_URL=redis://127.0.0.1:6379/1 selects Django's own RedisCache (the `redis` package). Older
# django-environ versions map redis:// to django-redis, which this project does not install.
def redis_cache_settings(config):
    """The cache settings for CACHE_URL, with a Redis URL always on Django's RedisCache (through
    core/redis_cache.py, which keeps one client per connection pool)."""
    backend = config.get("BACKEND", "")
    if backend.startswith("django_redis"):
        return {"BACKEND": "core.redis_cache.RedisCache", "LOCATION": config["LOCATION"]}
    if backend == "django.core.cache.backends.redis.RedisCache":
        return {**config, "BACKEND": "core.redis_cache.RedisCache"}
    return config


CACHES["default"] = redis_cache_settings(CACHES["default"])

# Whole-page cache of the public pages (core/pagecache.py) -------------------------------------
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
# How long a stored page lives at most; a write makes it obsolete at once anyway. It bounds only
# what changes with the clock alone (a planned session stays "upcoming" until it starts).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# Public pages and API reads that are cached (regular expressions on the path) ...
PAGE_CACHE_PATHS = [
    r"^/$",
    r"^/(stats|rooms|sessions|issues|search|feeds|campaigns|cases|calendar)/",
    r"^/api/v1/",
]
# ... except these: downloads, the follower links (tokens), the open-data ZIP, the schema and the
# API docs (Redoc's page carries a CSP nonce of its own request).
PAGE_CACHE_EXCLUDED_PATHS = [
    r"^/stats/download/",
    r"^/issues/follow/",
    r"^/issues/\d+/follow/",
    r"^/api/v1/export/",
    r"^/api/v1/(schema|docs|redoc)",
]
# Every write to a model of these apps throws the cached pages (and figures) away: everything a
# public page shows lives in them (User: the conveners' names on a room's page).
PAGE_CACHE_WATCHED_APPS = ["core", "accounts", "rooms", "departments", "issues", "deliberations", "figures"]

# ---- API front doors (/api/ and /api/v1/) ----------------------------------------------------------
SPECTACULAR_SETTINGS["TAGS"] = [
    {"name": "接口目录", "description": "接口版本与 v1 接口目录：各接口的绝对地址、文档和访问频率限制。"},
    *SPECTACULAR_SETTINGS["TAGS"],
]

# ---- Check-in by QR code (checkins, portal/checkin_views.py) ------------------------------------------
# Check-ins allowed per client IP in the window (core/ratelimit.py). Higher than the other residents'
# forms: everyone in a meeting room may share one Wi-Fi or one carrier's NAT address, and each phone
# sends one check-in (a double tap updates it).
PUBLIC_FORM_RATE_LIMITS = {**PUBLIC_FORM_RATE_LIMITS, "checkin": (60, 10 * 60)}

# ---- 议事月 board and 典型案例 -------------------------------------------------------------------
# The home page (cached whole) shows a few cases and the API lists them: a write to a case throws
# the cached pages away like any other public record.
PAGE_CACHE_WATCHED_APPS = [*PAGE_CACHE_WATCHED_APPS, "cases"]
SPECTACULAR_SETTINGS["TAGS"] = [
    *SPECTACULAR_SETTINGS["TAGS"],
    {"name": "典型案例", "description": "已解决的民生问题或已举行的议事活动整理成的典型案例（只读）。"},
]

# ---- CPPCC members' public records (members app) ---------------------------------------------------
# /members/ is cached whole like the other public pages: what it shows lives in accounts,
# deliberations and issues, which PAGE_CACHE_WATCHED_APPS already watch (the review weights of
# the members app are shown to staff only).
PAGE_CACHE_PATHS = [*PAGE_CACHE_PATHS, r"^/members/"]
SPECTACULAR_SETTINGS["TAGS"] = [
    *SPECTACULAR_SETTINGS["TAGS"],
    {
        "name": "政协委员",
        "description": "政协委员的公开履职记录：界别、简介、参加的议事活动、民生问题和成果。不含联系方式。",
    },
]

# ---- 议题公示、报名与结果公示 (announcements) -----------------------------------------------------
# Sign-ups, comments and announcements show on the public session pages: a write to them throws
# the cached pages away. A resident's own sign-up page (its address is a signed token) is never
# stored.
PAGE_CACHE_WATCHED_APPS = [*PAGE_CACHE_WATCHED_APPS, "announcements"]
PAGE_CACHE_EXCLUDED_PATHS = [*PAGE_CACHE_EXCLUDED_PATHS, r"^/sessions/signups/"]
SPECTACULAR_SETTINGS["TAGS"] = [
    *SPECTACULAR_SETTINGS["TAGS"],
    {"name": "议题公示与结果公示", "description": "公示的议事活动、结果公示及群众意见答复、议事日历；不含报名人信息。"},
]

# ---- Headline figures as of a reported day (home page) -------------------------------------------
# Beside the live figures (截至今日), the home page shows the same figures counted up to this day by
# the same selector (figures.selectors.district_totals(as_of=…)): the day the district's figures
# were last reported in public, so a reader can hold the two side by side. The meeting of
# 26 August 2020 reported them “至今年8月中旬”: 15 August 2020. Empty (FIGURES_REPORTED_AS_OF=)
# shows the live figures only.
from datetime import date  # noqa: E402 - kept in this block

_figures_reported_as_of = env.str("FIGURES_REPORTED_AS_OF", default="2020-08-15").strip()
FIGURES_REPORTED_AS_OF = date.fromisoformat(_figures_reported_as_of) if _figures_reported_as_of else None
