from django.shortcuts import render


def event_list(request):
    return render(request, "pairings/event_list.html", {})


def event_export(request, fmt):
    raise NotImplementedError
