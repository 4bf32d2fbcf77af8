from django import template

from pairings.formatting import format_quantity

register = template.Library()


@register.filter
def quantity(item):
    """Format a figure, or a totals row (a dict with value/total, qualifier, unit)."""
    if isinstance(item, dict):
        value = item.get("value", item.get("total"))
        return format_quantity(value, item.get("qualifier"), item.get("unit"))
    return format_quantity(item.value, item.qualifier, item.unit, high=item.value_high)
