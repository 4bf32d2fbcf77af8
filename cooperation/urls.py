from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView

from pairings.admin import AutocompleteView, recent_changes_view
from pairings.views.health import healthz

# Chinese pages live at the root, English ones under /en/: the language is part of the URL,
# so a shared link opens in the language it was shared in, and no page needs a POST to switch.
# The admin sits at a configurable path (ADMIN_PATH), away from scanners' first guess.
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path(
        "robots.txt",
        cache_control(public=True, max_age=24 * 60 * 60)(
            TemplateView.as_view(template_name="robots.txt", content_type="text/plain")
        ),
        name="robots",
    ),
    path(
        f"{settings.ADMIN_PATH}recent-changes/",
        admin.site.admin_view(recent_changes_view),
        name="admin_recent_changes",
    ),
    # Before the admin's own, which it replaces at the same address (admin:autocomplete).
    path(
        f"{settings.ADMIN_PATH}autocomplete/",
        admin.site.admin_view(AutocompleteView.as_view(admin_site=admin.site)),
    ),
    path(settings.ADMIN_PATH, admin.site.urls),
    *i18n_patterns(path("", include("pairings.urls")), prefix_default_language=False),
]
