from django.shortcuts import get_object_or_404, render

from pairings.models import Pairing


def pairing_detail(request, pk):
    pairing = get_object_or_404(Pairing.objects.with_sides(), pk=pk)
    ctx = {"pairing": pairing}
    return render(request, "pairings/pairing_detail.html", ctx)
