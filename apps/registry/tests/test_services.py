import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.registry import services
from apps.registry.models import Branch, CooperationMembership, Library, OpeningHours, Organisation

from .factories import (
    AffiliationFactory,
    BranchFactory,
    ContactFactory,
    CooperationFactory,
    CooperationMembershipFactory,
    LibraryFactory,
    PartnerFactory,
    TerritorialUnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_library_create_with_nis_code(cell_staff):
    unit = TerritorialUnitFactory(code="98500", name_nl="Proefdorp")
    library = services.library_save(
        actor=cell_staff,
        data={"name": "Bibliotheek Proefdorp", "municipality": "98500", "governance_type": "municipal"},
        reason="Nieuw",
    )
    assert library.organisation.slug == "bibliotheek-proefdorp"
    assert library.organisation.kind == "library"
    assert list(library.municipalities_served.all()) == [unit]
    record = library.organisation.history.first()
    assert record.history_change_reason == "Nieuw"
    assert record.history_user == cell_staff


def test_library_slug_is_unique(cell_staff):
    unit = TerritorialUnitFactory()
    other = TerritorialUnitFactory()
    first = services.library_save(actor=cell_staff, data={"name": "Bib Zon", "municipality": unit})
    second = services.library_save(actor=cell_staff, data={"name": "Bib Zon", "municipality": other})
    assert first.organisation.slug == "bib-zon"
    assert second.organisation.slug == "bib-zon-2"


@pytest.mark.parametrize(
    ("code", "message"),
    [("123", "Een NIS-code bestaat uit 5 cijfers."), ("99999", "Onbekende NIS-code: 99999.")],
)
def test_library_bad_nis_code(cell_staff, code, message):
    with pytest.raises(ValidationError) as excinfo:
        services.library_save(actor=cell_staff, data={"name": "Bib X", "municipality": code})
    assert errors_of(excinfo)["municipality"] == [message]
    assert not Organisation.objects.filter(name="Bib X").exists()


def test_duplicate_library(cell_staff):
    unit = TerritorialUnitFactory(name_nl="Dubbeldorp")
    services.library_save(actor=cell_staff, data={"name": "Bibliotheek Dubbeldorp", "municipality": unit})
    with pytest.raises(ValidationError) as excinfo:
        services.library_save(actor=cell_staff, data={"name": "bibliotheek dubbeldorp", "municipality": unit})
    assert errors_of(excinfo)["name"] == ["Er bestaat al een bibliotheek met deze naam in Dubbeldorp."]
    assert Library.objects.filter(organisation__municipality=unit).count() == 1


def test_library_update_and_delete(cell_staff):
    library = LibraryFactory()
    services.library_save(actor=cell_staff, instance=library, data={"name": "Nieuwe naam"}, reason="Hernoemd")
    library.organisation.refresh_from_db()
    assert library.organisation.name == "Nieuwe naam"
    assert library.organisation.history.first().history_change_reason == "Hernoemd"
    services.library_delete(actor=cell_staff, instance=library)
    assert not Organisation.objects.filter(pk=library.pk).exists()


def test_library_closed_before_opened(cell_staff):
    library = LibraryFactory(opened_year=2000)
    with pytest.raises(ValidationError) as excinfo:
        services.library_save(actor=cell_staff, instance=library, data={"closed_year": 1990})
    assert "closed_year" in errors_of(excinfo)


def test_branch_outside_municipality(cell_staff):
    library = LibraryFactory()
    unit = library.organisation.municipality
    with pytest.raises(ValidationError) as excinfo:
        services.branch_save(
            actor=cell_staff,
            data={"library": library, "name": "Ver weg", "municipality": unit, "latitude": 50.0, "longitude": 5.0},
        )
    assert errors_of(excinfo)["latitude"] == [f"Deze coördinaten liggen niet in {unit.name_nl}."]
    assert not Branch.objects.filter(name="Ver weg").exists()
    branch = services.branch_save(
        actor=cell_staff,
        data={
            "library": library,
            "name": "Dichtbij",
            "municipality": unit,
            "latitude": unit.latitude,
            "longitude": unit.longitude,
        },
    )
    assert branch.pk


def test_branch_second_main(cell_staff):
    main = BranchFactory(is_main=True)
    with pytest.raises(ValidationError) as excinfo:
        services.branch_save(
            actor=cell_staff,
            data={"library": main.library, "name": "Tweede", "is_main": True, "municipality": main.municipality},
        )
    assert errors_of(excinfo)["is_main"] == ["Deze bibliotheek heeft al een hoofdbibliotheek."]


def test_opening_hours_set_replaces_week(cell_staff):
    branch = BranchFactory()
    services.branch_opening_hours_set(
        actor=cell_staff, branch=branch, periods=[{"weekday": 0, "opens": "10:00", "closes": "12:00"}]
    )
    hours = services.branch_opening_hours_set(
        actor=cell_staff,
        branch=branch,
        periods=[(1, "09:00", "12:00"), (1, "13:00", "17:00")],
        reason="Zomeruren",
    )
    assert len(hours) == 2
    assert list(branch.opening_hours.values_list("weekday", flat=True)) == [1, 1]


def test_opening_hours_overlap_refused(cell_staff):
    branch = BranchFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.branch_opening_hours_set(
            actor=cell_staff, branch=branch, periods=[(2, "09:00", "13:00"), (2, "12:00", "17:00")]
        )
    assert "periods" in errors_of(excinfo)
    assert not OpeningHours.objects.filter(branch=branch).exists()


def test_opening_exception(cell_staff):
    branch = BranchFactory()
    day = datetime.date(2026, 12, 25)
    services.opening_exception_save(actor=cell_staff, data={"branch": branch, "date": day, "is_closed": True})
    with pytest.raises(ValidationError) as excinfo:
        services.opening_exception_save(actor=cell_staff, data={"branch": branch, "date": day, "is_closed": True})
    assert "date" in errors_of(excinfo)


def test_membership_overlap_same_type(cell_staff):
    library = LibraryFactory(organisation__name="Bibliotheek Overlap")
    first = CooperationFactory(organisation__name="Netwerk Een")
    second = CooperationFactory(organisation__name="Netwerk Twee")
    services.membership_save(
        actor=cell_staff, data={"cooperation": first, "library": library, "valid_from": datetime.date(2020, 1, 1)}
    )
    with pytest.raises(ValidationError) as excinfo:
        services.membership_save(
            actor=cell_staff,
            data={"cooperation": second, "library": library, "valid_from": datetime.date(2023, 3, 1)},
        )
    message = errors_of(excinfo)["valid_from"][0]
    assert message.startswith("Bibliotheek Overlap is op 1 maart 2023 al lid van Netwerk Een")
    assert CooperationMembership.objects.filter(library=library).count() == 1


def test_membership_consecutive_and_other_type_allowed(cell_staff):
    library = LibraryFactory()
    first, second = CooperationFactory(), CooperationFactory()
    other_type = CooperationFactory(cooperation_type="project_association")
    services.membership_save(
        actor=cell_staff,
        data={
            "cooperation": first,
            "library": library,
            "valid_from": datetime.date(2019, 1, 1),
            "valid_until": datetime.date(2023, 6, 30),
        },
    )
    services.membership_save(
        actor=cell_staff, data={"cooperation": second, "library": library, "valid_from": datetime.date(2023, 7, 1)}
    )
    services.membership_save(
        actor=cell_staff, data={"cooperation": other_type, "library": library, "valid_from": datetime.date(2020, 1, 1)}
    )
    assert CooperationMembership.objects.filter(library=library).count() == 3


def test_membership_end_before_start(cell_staff):
    with pytest.raises(ValidationError) as excinfo:
        services.membership_save(
            actor=cell_staff,
            data={
                "cooperation": CooperationFactory(),
                "library": LibraryFactory(),
                "valid_from": datetime.date(2024, 1, 1),
                "valid_until": datetime.date(2023, 1, 1),
            },
        )
    assert errors_of(excinfo)["valid_until"] == ["De einddatum ligt vóór de begindatum."]


def test_membership_for_municipality_by_code(cell_staff):
    TerritorialUnitFactory(code="98600")
    membership = services.membership_save(
        actor=cell_staff,
        data={"cooperation": CooperationFactory(), "municipality": "98600", "valid_from": datetime.date(2020, 1, 1)},
    )
    assert membership.municipality.code == "98600"


def test_cooperation_partner_contact_link_affiliation(cell_staff):
    cooperation = services.cooperation_save(
        actor=cell_staff, data={"name": "Netwerk Test", "cooperation_type": "library_network"}
    )
    assert cooperation.organisation.kind == "cooperation"
    partner = services.partner_save(actor=cell_staff, data={"name": "School Test", "partner_type": "school"})
    contact = services.contact_save(
        actor=cell_staff, data={"organisation": cooperation.organisation, "first_name": "An", "last_name": "Peeters"}
    )
    services.cooperation_save(actor=cell_staff, instance=cooperation, data={"coordinator": contact})
    link = services.partner_link_save(
        actor=cell_staff,
        data={"organisation": cooperation.organisation, "partner": partner, "nature": "Voorlezen"},
    )
    assert link.pk
    user = UserFactory()
    services.affiliation_save(actor=cell_staff, data={"user": user, "organisation": cooperation.organisation})
    with pytest.raises(ValidationError):
        services.affiliation_save(actor=cell_staff, data={"user": user, "organisation": cooperation.organisation})
    with pytest.raises(ValidationError):
        services.partner_link_save(
            actor=cell_staff, data={"organisation": partner.organisation, "partner": partner, "nature": "x"}
        )


# --- refusals: PermissionDenied and nothing changed --------------------------------------------


def test_library_staff_cannot_create_library(library_staff):
    unit = TerritorialUnitFactory()
    with pytest.raises(PermissionDenied):
        services.library_save(actor=library_staff, data={"name": "Bib Geweigerd", "municipality": unit})
    assert not Organisation.objects.filter(name="Bib Geweigerd").exists()


def test_library_staff_cannot_edit_own_library(library_staff):
    library = LibraryFactory(organisation__name="Eigen Bib")
    AffiliationFactory(user=library_staff, organisation=library.organisation)
    with pytest.raises(PermissionDenied):
        services.library_save(actor=library_staff, instance=library, data={"name": "Gewijzigd"})
    library.organisation.refresh_from_db()
    assert library.organisation.name == "Eigen Bib"


@pytest.mark.parametrize(
    ("service", "factory"),
    [
        (services.branch_delete, BranchFactory),
        (services.library_delete, LibraryFactory),
        (services.cooperation_delete, CooperationFactory),
        (services.partner_delete, PartnerFactory),
        (services.contact_delete, ContactFactory),
        (services.membership_delete, CooperationMembershipFactory),
        (services.affiliation_delete, AffiliationFactory),
    ],
)
def test_deletes_refused_to_non_cell_staff(library_staff, service, factory):
    obj = factory()
    with pytest.raises(PermissionDenied):
        service(actor=library_staff, instance=obj)
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_coordinator_cannot_add_membership(coordinator):
    cooperation = CooperationFactory()
    AffiliationFactory(user=coordinator, organisation=cooperation.organisation)
    with pytest.raises(PermissionDenied):
        services.membership_save(
            actor=coordinator,
            data={"cooperation": cooperation, "library": LibraryFactory(), "valid_from": datetime.date(2020, 1, 1)},
        )
    assert not CooperationMembership.objects.exists()


def test_library_staff_cannot_manage_affiliations(library_staff):
    library = LibraryFactory()
    with pytest.raises(PermissionDenied):
        services.affiliation_save(
            actor=library_staff, data={"user": library_staff, "organisation": library.organisation}
        )
    assert not library_staff.affiliations.exists()


def test_opening_hours_refused(library_staff):
    branch = BranchFactory()
    AffiliationFactory(user=library_staff, organisation=branch.library.organisation)
    with pytest.raises(PermissionDenied):
        services.branch_opening_hours_set(actor=library_staff, branch=branch, periods=[(0, "09:00", "12:00")])
    assert not branch.opening_hours.exists()
