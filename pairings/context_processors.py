from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def language_links(request):
    """Return, for the language switch, the current page's address in each other language."""
    current = get_language()
    # A cached page links to the address it was drawn for (cache.cached_page), not to the
    # query string of whoever happened to ask first.
    address = getattr(request, "page_address", None) or request.get_full_path()
    return {
        "language_links": [
            {"code": code, "name": name, "url": translate_url(address, code)}
            for code, name in settings.LANGUAGES
            if code != current
        ]
    }
