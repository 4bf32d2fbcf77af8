import logging
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.utils import translation
from whitenoise.middleware import WhiteNoiseMiddleware

from .downloads import XLSX_CONTENT_TYPE

request_log = logging.getLogger("pairings.requests")
READ_METHODS = ("GET", "HEAD")


def _is_admin(request):
    return request.path_info.startswith("/" + settings.ADMIN_PATH)


class AdminInChineseMiddleware:
    """Serve the admin in Chinese whatever the browser asks for: the people who type in
    reports work in Chinese, and the public pages carry their language in the URL instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _is_admin(request):
            translation.activate("zh-hans")
            request.LANGUAGE_CODE = "zh-hans"
        return self.get_response(request)


class ReadOnlyPublicSiteMiddleware:
    """The public site only reads: anything but GET or HEAD outside the admin is a 405."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in READ_METHODS and not _is_admin(request):
            response = render(request, "405.html", status=405)
            response["Allow"] = ", ".join(READ_METHODS)
            return response
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Deny every browser feature the site never uses (settings.PERMISSIONS_POLICY). Placed
    above the static files, as the other security headers are, so those carry it too."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """whitenoise, without the manifest (staticfiles.json): the list of every collected file
    and its hashed name is the storage's business, not a visitor's."""

    def __call__(self, request):
        if request.path_info == f"{self.static_prefix}staticfiles.json":
            return self.get_response(request)
        return super().__call__(request)


class PublicPagesGZipMiddleware(GZipMiddleware):
    """Gzip the public pages and downloads, never the admin: its pages carry a CSRF token
    beside text a visitor can make it echo (a search), what BREACH reads a secret through.
    The public pages hold no secret. An XLSX is a zip already."""

    def process_response(self, request, response):
        if _is_admin(request) or response.get("Content-Type") == XLSX_CONTENT_TYPE:
            return response
        return super().process_response(request, response)


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, answer with a short 503 page instead of a stack
    trace. Django opens a fresh connection on the next request, so the site recovers by
    itself once the database is back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            request_log.error("database unavailable", extra={"error": str(exception)})
            return service_unavailable(request)
        return None


def service_unavailable(request):
    response = render(request, "503.html", status=503)
    response["Retry-After"] = "30"
    return response


class JsonRequestLogMiddleware:
    """Log one structured line per request: method, path, query string, status and
    duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        request_log.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "query": request.META.get("QUERY_STRING", ""),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response
