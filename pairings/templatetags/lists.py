"""Lists in running text, joined as the active language joins them (、 in Chinese, a comma in
English), so that no template translates a punctuation mark on its own."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def list_separator():
    """Return what stands between the names of a list: 、 in Chinese."""
    return gettext("、")


@register.simple_tag
def clause_separator():
    """Return what stands between the clauses of a sentence: ； in Chinese."""
    return gettext("；")


@register.filter
def region_links(regions, css_class="tap"):
    """Return links to the regions' pages, joined as a list."""
    attributes = format_html(' class="{}"', css_class) if css_class else ""
    return format_html_join(
        list_separator(),
        '<a{} href="{}">{}</a>',
        (
            (attributes, reverse("pairings:region_detail", args=[region.code]), region.name)
            for region in regions
        ),
    )
