"""Security headers that Django 5.2 does not set itself (Content-Security-Policy, Permissions-Policy)."""

from __future__ import annotations

from django.conf import settings

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
