import pytest

from apps.registry.demo import load_demo
from apps.registry.models import Branch, CooperationMembership, Library, Organisation
from apps.registry.services import geometry
from apps.registry.services.memberships import overlapping

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def test_demo_is_marked_idempotent_and_valid(reference_data):
    UserFactory(username="demo-bib")
    first = load_demo(scale=1)
    assert first["bibliotheken"] == 285 - 18 + 8
    assert load_demo(scale=1) == first
    assert not Organisation.objects.filter(source__startswith="Knooppunt-demo", is_demo=False).exists()
    assert Library.objects.filter(organisation__is_demo=True).exclude(organisation__description="").count() == 275
    # Every branch lies inside its municipality.
    for branch in Branch.objects.filter(is_demo=True).select_related("municipality")[:200]:
        assert geometry.contains(branch.municipality.boundary, lat=branch.latitude, lon=branch.longitude)
    # No library is in two cooperations of the same type on one day.
    for membership in CooperationMembership.objects.filter(library__isnull=False).select_related("cooperation"):
        others = CooperationMembership.objects.filter(
            library=membership.library, cooperation__cooperation_type=membership.cooperation.cooperation_type
        ).exclude(pk=membership.pk)
        assert not overlapping(others, start=membership.valid_from, end=membership.valid_until).exists()
    assert CooperationMembership.objects.filter(is_demo=True, valid_until__isnull=False).exists()
    assert Organisation.objects.get(affiliations__user__username="demo-bib").is_demo


def test_demo_scale_two(reference_data):
    summary = load_demo(scale=2)
    assert summary["bibliotheken"] == 2 * 285 - 18 + 16
    assert summary["partners"] == 300
