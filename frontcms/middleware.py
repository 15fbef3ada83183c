"""Request-level protections: security headers that Django 5.2 does not set itself
(Content-Security-Policy, Permissions-Policy), refusal of malformed requests, a per-user limit on
uploaded files, and a short wait instead of an error page while the database is briefly
unreachable. Also Django's conditional GET with a faster ETag."""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.middleware.http import ConditionalGetMiddleware as DjangoConditionalGetMiddleware
from django.utils.http import quote_etag

logger = logging.getLogger("frontcms.database")

# Readers' pages load only this site's own scripts, styles, fonts and images: no inline script.
PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# CKEditor 4 in the staff-only admin builds its UI with inline handlers and styles.
ADMIN_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)


def content_etag(content: bytes) -> str:
    """A page's ETag: SHA-1 of its bytes, as strong a validator as Django's MD5 and about 2.5 times
    faster (every page rendered for the page cache gets one; the same for GET and HEAD)."""
    return quote_etag(hashlib.sha1(content, usedforsecurity=False).hexdigest())


class ConditionalGetMiddleware(DjangoConditionalGetMiddleware):
    """Django's ConditionalGetMiddleware (304 Not Modified), with `content_etag` for pages that
    have no ETag yet (as Django, not for streamed files: those keep their Last-Modified)."""

    def process_response(self, request, response):
        if (
            request.method == "GET"
            and not response.streaming
            and response.content
            and not response.has_header("ETag")
            and self.needs_etag(response)
        ):
            response.headers["ETag"] = content_etag(response.content)
        return super().process_response(request, response)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefixes = (f"/{settings.ADMIN_URL}", "/ckeditor/")

    def __call__(self, request):
        response = self.get_response(request)
        is_admin = request.path.startswith(self.admin_prefixes)
        response.headers.setdefault("Content-Security-Policy", ADMIN_CSP if is_admin else PUBLIC_CSP)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class RejectMalformedRequestMiddleware:
    """400 for requests no page can serve: NUL bytes in the path or query (PostgreSQL refuses
    them in any string) and absurdly long query strings."""

    max_query_length = 4096

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if (
            "\x00" in request.path
            or "%00" in query
            or "\x00" in query
            or len(query) > self.max_query_length
            or any("\x00" in v for values in request.GET.lists() for v in values[1])
        ):
            from .views import error_400

            return error_400(request)
        return self.get_response(request)


class UploadRateLimitMiddleware:
    """At most UPLOAD_RATE uploaded files per UPLOAD_RATE_MINUTES for one user (CKEditor, admin
    forms) or, without an account, one client address (feedback attachments). Every picture is
    decoded to be checked and re-encoded, so an account that keeps uploading could otherwise keep
    the workers busy. Placed after the CSRF and authentication middleware: it counts only requests
    that passed them. The refusal is a 429 in Vietnamese (JSON for CKEditor's upload dialog)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.content_type != "multipart/form-data":
            return None
        files = sum(len(uploads) for _name, uploads in request.FILES.lists())
        if not files:
            return None
        from .ratelimit import Limit, hit

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            key = f"user:{user.pk}"
        else:
            from .engagement.privacy import client_hash

            key = f"address:{client_hash(request)}"
        minutes = getattr(settings, "UPLOAD_RATE_MINUTES", 10)
        if hit(Limit("upload", key, getattr(settings, "UPLOAD_RATE", 60), minutes * 60), amount=files):
            return None
        return upload_rate_exceeded(request, minutes)


def upload_rate_exceeded(request, minutes: int):
    from django.http import JsonResponse
    from django.shortcuts import render
    from django.utils.translation import gettext as _

    message = _(
        "Bạn đã tải lên quá nhiều tệp trong thời gian ngắn. Vui lòng đợi %(minutes)s phút rồi thử lại."
    ) % {"minutes": minutes}
    if request.path.startswith("/ckeditor/"):
        response = JsonResponse({"uploaded": 0, "error": {"message": message}}, status=429)
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


class DatabaseOutageMiddleware:
    """A database that is briefly unreachable (a restart, a failover) costs readers a short wait,
    not an error page.

    When a view fails because the database cannot be reached, a GET or HEAD waits up to
    `DB_OUTAGE_WAIT` seconds for it to answer again and runs the view once more (reading twice is
    harmless). Anything else, or a database still down, gets a 503 with Retry-After instead of a
    500, so that proxies and load balancers know to try again.
    """

    retry_after = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import InterfaceError, OperationalError, connections

        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.warning("database unreachable during %s %s: %s", request.method, request.path, exception)
        retryable = (
            request.method in ("GET", "HEAD")
            and not getattr(request, "_frontcms_db_retried", False)
            and not any(conn.in_atomic_block for conn in connections.all(initialized_only=True))
            and request.resolver_match is not None
        )
        if retryable and wait_for_database(getattr(settings, "DB_OUTAGE_WAIT", 5)):
            request._frontcms_db_retried = True
            match = request.resolver_match
            try:
                response = match.func(request, *match.args, **match.kwargs)
                if callable(getattr(response, "render", None)):
                    response = response.render()
                return response
            except (OperationalError, InterfaceError) as exc:
                logger.warning("database still failing after the wait: %s", exc)
        return database_unavailable(self.retry_after)


def wait_for_database(timeout: float) -> bool:
    """Drop broken connections and reconnect until the default database answers or `timeout` passes."""
    import time

    from django.db import InterfaceError, OperationalError, connection, connections

    deadline = time.monotonic() + timeout
    while True:
        for conn in connections.all(initialized_only=True):
            try:
                conn.close()
            except (OperationalError, InterfaceError):
                conn.connection = None  # already broken; forget it
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            return True
        except (OperationalError, InterfaceError):
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.25)


def database_unavailable(retry_after: int):
    """A plain 503 page: templates and context processors may need the database that is down."""
    from django.http import HttpResponse
    from django.templatetags.static import static
    from django.utils.html import escape

    html = (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>Tạm gián đoạn</title><link rel="stylesheet" href="{escape(static("css/site.css"))}">'
        '</head><body><main class="container"><h1 class="page-title">Cổng thông tin tạm gián đoạn</h1>'
        "<p>Hệ thống đang bảo trì trong giây lát. Xin vui lòng tải lại trang sau ít phút.</p>"
        "</main></body></html>"
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response
