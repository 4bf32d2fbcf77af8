"""The address a request comes from, behind the README's TLS proxy or without one."""

import ipaddress

from django.conf import settings


def client_address(request):
    """Return the sender's address: the connecting one, or behind TRUSTED_PROXY_COUNT proxies
    the one the outermost of them saw, read from X-Forwarded-For. Each proxy appends the
    address it received the request from, so the entries left of those are whatever the
    sender wrote and are never read; without a trusted proxy the header is never read at all.
    django-axes keys its lockouts on it (AXES_CLIENT_IP_CALLABLE)."""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if count and len(forwarded) >= count:
        try:
            return str(ipaddress.ip_address(forwarded[-count]))
        except ValueError:  # a proxy that writes no address: keep to the connecting one
            pass
    return request.META.get("REMOTE_ADDR")
