import logging
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import translation

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
            return HttpResponseNotAllowed(READ_METHODS)
        return self.get_response(request)


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
    """Log one structured line per request: method, path, status and duration."""

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
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response
