"""Scoped reads: what each user may list, and the years that have figures."""

from django.db.models import Q, QuerySet

from apps.core.rules import is_cell_staff, is_library_staff, is_professional
from apps.registry.models import Library
from apps.registry.rules import organisation_ids_of

from .models import DeliveryYear, FigureValue, Indicator, PeerGroup, Submission


def indicator_list(*, user) -> QuerySet:
    return Indicator.objects.all() if is_professional(user) else Indicator.objects.none()


def delivery_list(*, user) -> QuerySet:
    return DeliveryYear.objects.all() if is_cell_staff(user) else DeliveryYear.objects.none()


def library_ids_with_figures_for(user) -> set[int] | None:
    """None: every library (cell staff); else the ids of the libraries the user works for."""
    if is_cell_staff(user):
        return None
    if is_library_staff(user):
        return organisation_ids_of(user)
    return set()


def figure_list(*, user) -> QuerySet:
    queryset = FigureValue.objects.select_related("submission__library__organisation", "indicator").order_by(
        "-submission__year", "submission__library__organisation__name", "indicator__position"
    )
    ids = library_ids_with_figures_for(user)
    return queryset if ids is None else queryset.filter(submission__library_id__in=ids)


def submission_list(*, user) -> QuerySet:
    queryset = Submission.objects.select_related("library__organisation")
    ids = library_ids_with_figures_for(user)
    return queryset if ids is None else queryset.filter(library_id__in=ids)


def own_libraries(user) -> QuerySet:
    ids = library_ids_with_figures_for(user)
    queryset = Library.objects.select_related("organisation").order_by("organisation__name")
    return queryset.none() if ids is None else queryset.filter(pk__in=ids)


def peergroup_visible_to(user) -> QuerySet:
    queryset = PeerGroup.objects.select_related("owner")
    if not is_professional(user):
        return queryset.none()
    if is_cell_staff(user):
        return queryset
    return queryset.filter(Q(owner=user) | Q(shared=True))


def years_with_figures() -> list[int]:
    # order_by(): the default ordering would join organisations and defeat the DISTINCT.
    return sorted(Submission.objects.order_by().values_list("year", flat=True).distinct())


def open_deliveries() -> QuerySet:
    return DeliveryYear.objects.filter(status=DeliveryYear.Status.OPEN).order_by("-year")
