from django.shortcuts import render

from pairings.models import Pairing


def overview(request):
    ctx = {"pairings": Pairing.objects.with_sides()}
    return render(request, "pairings/overview.html", ctx)
