from django.shortcuts import get_object_or_404, render

from pairings.models import Report


def report_list(request):
    return render(request, "pairings/report_list.html", {"reports": Report.objects.all()})


def report_detail(request, pk):
    report = get_object_or_404(Report, pk=pk)
    return render(request, "pairings/report_detail.html", {"report": report})
