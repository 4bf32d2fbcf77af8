from django.shortcuts import get_object_or_404, render

from .models import Pairing


def home(request):
    ctx = {"pairings": Pairing.objects.with_sides()}
    return render(request, "pairings/home.html", ctx)


def pairing_detail(request, pk):
    pairing = get_object_or_404(Pairing.objects.with_sides(), pk=pk)
    ctx = {"pairing": pairing}
    return render(request, "pairings/pairing_detail.html", ctx)
