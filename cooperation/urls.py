from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

# Chinese pages live at the root, English ones under /en/: the language is part of the URL,
# so a shared link opens in the language it was shared in, and no page needs a POST to switch.
urlpatterns = [
    path("admin/", admin.site.urls),
    *i18n_patterns(path("", include("pairings.urls")), prefix_default_language=False),
]
