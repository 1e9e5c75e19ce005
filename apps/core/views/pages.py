from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from apps.core.areas import AREAS_BY_SLUG, SERVICE_AREAS
from apps.core.dashboard import dashboard_cards
from apps.core.permissions import permission_view, public_view


@public_view
def home(request):
    """Public landing page for visitors; the dashboard for people who log in."""
    if not request.user.is_authenticated:
        return render(request, "core/landing.html", {"service_areas": SERVICE_AREAS})
    return render(request, "core/dashboard.html", {"cards": dashboard_cards(request.user)})


@permission_view("core.view_service_area")
def service_area(request, slug: str):
    area = AREAS_BY_SLUG.get(slug)
    if area is None:
        raise Http404(_("Dit dienstverleningsdomein bestaat niet."))
    return render(request, "core/service_area.html", {"area": area})
