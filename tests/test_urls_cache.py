"""cached_reverse gives what reverse() gives."""

import pytest
from django.urls import NoReverseMatch, reverse

from apps.core import urls_cache
from apps.core.urls_cache import cached_reverse
from apps.registry.tests.factories import (
    BranchFactory,
    CooperationFactory,
    GroupingFactory,
    LibraryFactory,
    PartnerFactory,
    TerritorialUnitFactory,
)


@pytest.mark.django_db
def test_every_registry_detail_link_matches_reverse():
    library, cooperation, partner = LibraryFactory(), CooperationFactory(), PartnerFactory()
    branch, unit, grouping = BranchFactory(library=library), TerritorialUnitFactory(), GroupingFactory()
    expected = {
        library: reverse("registry:library_detail", kwargs={"slug": library.organisation.slug}),
        library.organisation: reverse("registry:library_detail", kwargs={"slug": library.organisation.slug}),
        cooperation: reverse("registry:cooperation_detail", kwargs={"slug": cooperation.organisation.slug}),
        partner.organisation: reverse("registry:partner_detail", kwargs={"slug": partner.organisation.slug}),
        branch: reverse("registry:branch_detail", kwargs={"uuid": branch.uuid}),
        unit: reverse("registry:municipality_detail", kwargs={"code": unit.code}),
        grouping: reverse("registry:grouping_detail", kwargs={"kind": grouping.kind, "code": grouping.code}),
    }
    for record, url in expected.items():
        assert record.get_absolute_url() == url


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("registry:library_detail", {"slug": "bib-aalst"}),
        ("registry:municipality_detail", {"code": "23106"}),
        ("registry:municipality_detail", {"code": "a b%c:d&é"}),  # quoted as reverse() quotes
        ("registry:branch_detail", {"uuid": "3f2b8c1e-0d4a-4e57-9a51-2c1f0e9b7a10"}),
        ("registry:grouping_detail", {"kind": "referentieregio", "code": "RR-01"}),
    ],
)
def test_cached_reverse_equals_reverse(name, kwargs):
    assert cached_reverse(name, **kwargs) == reverse(name, kwargs=kwargs)
    assert cached_reverse(name, **kwargs) == reverse(name, kwargs=kwargs)  # the second time from the template


def test_a_route_no_stand_in_fits_is_reversed_every_time():
    assert cached_reverse("accounts:user_detail", pk=7) == reverse("accounts:user_detail", kwargs={"pk": 7})
    assert [template for key, template in urls_cache._templates.items() if key[0] == "accounts:user_detail"] == [None]
    with pytest.raises(NoReverseMatch):
        cached_reverse("accounts:user_detail", pk="zeven")
