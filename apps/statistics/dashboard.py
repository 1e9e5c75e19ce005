"""The statistics card on the home dashboard."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.dashboard import DashboardCard

from .selectors import open_deliveries, own_libraries


def statistics_cards(user) -> list[DashboardCard]:
    if not user.has_perm("statistics.view_statistics"):
        return []
    delivery = open_deliveries().first()
    if user.has_perm("statistics.manage_deliveries") and delivery is not None:
        from .models import Submission

        confirmed = Submission.objects.filter(year=delivery.year, status=Submission.Status.CONFIRMED).count()
        return [
            DashboardCard(
                title=_("Gegevenslevering %(year)s") % {"year": delivery.year},
                value=confirmed,
                url=reverse("statistics:delivery_detail", kwargs={"year": delivery.year}),
                description=_("bibliotheken bevestigd; uiterste datum %(day)s")
                % {"day": delivery.deadline.strftime("%d-%m-%Y")},
            )
        ]
    libraries = own_libraries(user)[:1]
    if libraries:
        library = libraries[0]
        return [
            DashboardCard(
                title=_("Cijfers van %(library)s") % {"library": library.organisation.name},
                value=delivery.year if delivery else "—",
                url=reverse("statistics:library_dashboard", kwargs={"slug": library.organisation.slug}),
                description=_("dashboard, rapport en gegevenslevering"),
            )
        ]
    return [
        DashboardCard(
            title=_("Cijfers"),
            value="",
            url=reverse("statistics:home"),
            description=_("indicatoren en vergelijkingsgroepen"),
        )
    ]
