"""The baseline page of bench/: a logged-in page that renders the base template and nothing else.

Page timings in bench/ are reported as a ratio to this page, measured in the
same run, so that they do not depend on how fast the machine is.
"""

from django.shortcuts import render

from apps.core.permissions import permission_view


@permission_view("core.view_dashboard")
def bench_baseline(request):
    return render(request, "base.html")
