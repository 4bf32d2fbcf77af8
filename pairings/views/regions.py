from django.shortcuts import get_object_or_404, render

from pairings.models import Region


def region_detail(request, code):
    region = get_object_or_404(Region, code=code)
    return render(request, "pairings/region_detail.html", {"region": region})
