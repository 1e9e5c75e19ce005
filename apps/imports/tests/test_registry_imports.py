"""The registry's import definitions: round trips, row errors, duplicates, overlaps, atomicity."""

import datetime
import hashlib
import io

import pytest

from apps.imports.engine import export_rows, get_definition, run_import
from apps.imports.writers import csv_bytes, xlsx_bytes
from apps.registry.models import Branch, Contact, CooperationMembership, Library, Organisation, PartnerLink
from apps.registry.tests.factories import (
    BranchFactory,
    ContactFactory,
    CooperationFactory,
    CooperationMembershipFactory,
    LibraryFactory,
    PartnerFactory,
    PartnerLinkFactory,
)

from .conftest import make_csv

LIB_HEADER = ["Naam", "Korte naam", "Status", "NIS-code", "Bestuursvorm", "Wettelijke bibliotheek", "Opgericht in"]


def run(key, data: bytes, actor, *, commit=False, filename="bestand.csv"):
    return run_import(
        definition=get_definition(key), fileobj=io.BytesIO(data), filename=filename, actor=actor, commit=commit
    )


def export_file(key, user, file_format="csv") -> bytes:
    definition = get_definition(key)
    rows = export_rows(definition, definition.export_queryset(user))
    if file_format == "xlsx":
        return xlsx_bytes(definition.labels, rows, sheet_title="x")
    return csv_bytes(definition.labels, rows)


def registry_checksum() -> str:
    """A fingerprint of every registry row an import may touch."""
    parts = []
    for model in (Organisation, Library, Branch, CooperationMembership, PartnerLink, Contact):
        for row in model.objects.order_by("pk").values():
            parts.append(repr(sorted((k, str(v)) for k, v in row.items() if k != "updated_at")))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@pytest.fixture
def network(units):
    """A small network: libraries with branches, a cooperation with memberships, partners, contacts."""
    rode = LibraryFactory(
        organisation__municipality=units["rode"], organisation__name="Bibliotheek Sint-Genesius-Rode — Coördinatie"
    )
    zaventem = LibraryFactory(organisation__municipality=units["zaventem"], organisation__name="Bibliotheek Zaventem")
    BranchFactory(library=rode, is_main=True, name="Hoofdbibliotheek Rode")
    BranchFactory(library=zaventem, name="Zaventem – Wézembeek", municipality=units["wezembeek"])
    cooperation = CooperationFactory(organisation__municipality=units["zaventem"])
    CooperationMembershipFactory(cooperation=cooperation, library=rode, valid_from=datetime.date(2020, 1, 1))
    CooperationMembershipFactory(
        cooperation=cooperation,
        library=zaventem,
        valid_from=datetime.date(2019, 1, 1),
        valid_until=datetime.date(2023, 12, 31),
    )
    CooperationMembershipFactory(
        cooperation=cooperation, library=None, municipality=units["wezembeek"], valid_from=datetime.date(2021, 3, 1)
    )
    partner = PartnerFactory(organisation__municipality=units["rode"], partner_type="cultural_centre")
    PartnerLinkFactory(organisation=rode.organisation, partner=partner)
    ContactFactory(organisation=rode.organisation, first_name="Zoë", last_name="Van den Broeck", is_primary=True)
    return {"rode": rode, "zaventem": zaventem, "cooperation": cooperation}


@pytest.mark.parametrize(
    "key", ["libraries", "branches", "cooperations", "memberships", "partners", "partner_links", "contacts"]
)
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(key, file_format, network, cell_staff):
    # given an export of the list
    data = export_file(key, cell_staff, file_format)
    before = registry_checksum()
    # when it is imported again
    result = run(key, data, cell_staff, commit=True, filename=f"export.{file_format}")
    # then every row is unchanged and nothing was written
    assert result.errors == []
    assert result.counts["create"] == 0
    assert result.counts["update"] == 0
    assert result.counts["unchanged"] == result.rows > 0
    assert registry_checksum() == before


def test_create_update_and_unchanged_are_told_apart(network, cell_staff, units):
    data = make_csv(
        LIB_HEADER,
        [
            [
                "Bibliotheek Zaventem",
                network["zaventem"].organisation.slug,
                "Actief",
                "98094",
                "Gemeentelijk",
                "ja",
                "1980",
            ],
            [network["rode"].organisation.name, "", "Gesloten", "98101", "Vzw", "ja", "1980"],
            ["Bibliotheek Wezembeek-Oppem", "", "Actief", "98103", "Gemeentelijk", "nee", ""],
        ],
    )
    result = run("libraries", data, cell_staff)
    assert result.counts == {"create": 1, "update": 1, "unchanged": 1, "error": 0}
    update = next(change for change in result.changes if change["action"] == "update")
    assert update["row"] == 3
    assert ["Status", "Actief", "Gesloten"] in update["diff"]
    assert ["Bestuursvorm", "Gemeentelijk", "Vzw"] in update["diff"]
    assert not Organisation.objects.filter(name="Bibliotheek Wezembeek-Oppem").exists()  # a dry run


def test_history_records_the_import_as_reason(network, cell_staff):
    data = make_csv(LIB_HEADER, [["Bibliotheek Nieuw", "", "Actief", "98103", "Gemeentelijk", "ja", ""]])
    result = run("libraries", data, cell_staff, commit=True, filename="nieuw.csv")
    assert result.committed
    organisation = Organisation.objects.get(name="Bibliotheek Nieuw")
    record = organisation.history.latest()
    assert record.history_user == cell_staff
    assert "nieuw.csv" in record.history_change_reason


def test_row_errors_name_row_column_value_and_message(network, cell_staff):
    data = make_csv(
        LIB_HEADER,
        [
            ["Bibliotheek A", "", "Actief", "99999", "Gemeentelijk", "ja", ""],
            ["Bibliotheek B", "", "Open", "98103", "Gemeentelijk", "misschien", "1900"],
            ["", "", "Actief", "98103", "Gemeentelijk", "ja", ""],
            ["Bibliotheek C", "", "Actief", "981", "Gemeentelijk", "ja", ""],
        ],
    )
    result = run("libraries", data, cell_staff)
    found = {(e["row"], e["column"], e["value"]) for e in result.errors}
    assert (2, "NIS-code", "99999") in found
    assert (3, "Status", "Open") in found
    assert (3, "Wettelijke bibliotheek", "misschien") in found
    assert (4, "Naam", "") in found
    assert (5, "NIS-code", "981") in found
    messages = {e["message"] for e in result.errors}
    assert "Onbekende NIS-code 99999." in messages
    assert "Dit veld is verplicht." in messages
    assert result.counts["error"] == 4


def test_service_rules_are_row_errors_in_dry_run_and_commit_alike(network, cell_staff):
    # A second library with the same name in the same municipality is refused by library_save.
    data = make_csv(
        LIB_HEADER, [[network["rode"].organisation.name, "andere-rode", "Actief", "98101", "Vzw", "ja", ""]]
    )
    dry = run("libraries", data, cell_staff)
    real = run("libraries", data, cell_staff, commit=True)
    assert dry.errors == real.errors
    assert dry.errors[0]["row"] == 2
    assert dry.errors[0]["column"] == "Naam"
    assert "bestaat al een bibliotheek" in dry.errors[0]["message"]
    assert not real.committed


def test_duplicate_rows_in_the_file(units, cell_staff):
    row = ["Bibliotheek Rode", "bib-rode", "Actief", "98101", "Gemeentelijk", "ja", ""]
    other = ["Bibliotheek Zaventem", "bib-zav", "Actief", "98094", "Gemeentelijk", "ja", ""]
    data = make_csv(
        LIB_HEADER, [row, other, row, ["Bibliotheek Rode bis", "bib-rode", "Actief", "98101", "Vzw", "ja", ""]]
    )
    result = run("libraries", data, cell_staff)
    messages = [e["message"] for e in result.errors]
    assert "Rij 4 is een dubbel van rij 2." in messages
    assert any(m.startswith("Rij 5 gaat over hetzelfde als rij 2") for m in messages)


MEMBERSHIP_HEADER = ["Samenwerkingsverband", "Bibliotheek", "NIS-code", "Lid vanaf", "Lid tot en met"]


def test_membership_errors_overlap_in_file_and_database_and_end_before_start(network, cell_staff):
    cooperation = network["cooperation"].organisation.slug
    other = CooperationFactory(cooperation_type="library_network").organisation.slug
    new_library = LibraryFactory().organisation.slug
    data = make_csv(
        MEMBERSHIP_HEADER,
        [
            # overlaps the database: Rode is a member of a library network since 2020
            [other, network["rode"].organisation.slug, "", "01-06-2022", ""],
            # end before start
            [cooperation, new_library, "", "2024-05-01", "2024-04-30"],
            # these two overlap each other within the file
            [cooperation, new_library, "", "01-01-2021", "31-12-2022"],
            [other, new_library, "", "01-01-2022", ""],
        ],
    )
    result = run("memberships", data, cell_staff)
    by_row = {e["row"]: e for e in result.errors}
    assert set(by_row) == {2, 3, 5}
    assert "al lid van" in by_row[2]["message"]
    assert by_row[3]["message"] == "De einddatum ligt vóór de begindatum."
    assert by_row[3]["column"] == "Lid tot en met"
    assert "al lid van" in by_row[5]["message"]


def test_header_problems_reject_the_file(units, cell_staff):
    from apps.imports.readers import FileRejected

    data = make_csv(["Naam", "Xyz", "Postcode"], [["A", "b", "1000"]])
    with pytest.raises(FileRejected) as info:
        run("branches", data, cell_staff)
    messages = info.value.messages
    assert "Onbekende kolom ‘Xyz’." in messages
    assert "Kolom ‘Bibliotheek’ ontbreekt." in messages
    assert "Kolom ‘NIS-code’ ontbreekt." in messages


@pytest.mark.parametrize("path", ["service per row", "batch"])
def test_a_fault_half_way_leaves_the_database_exactly_as_before(path, network, cell_staff, monkeypatch):
    from apps.registry import importers

    rows = [[f"Bibliotheek Fout {n}", "", "Actief", "98103", "Gemeentelijk", "ja", ""] for n in range(6)]
    rows[1] = [network["rode"].organisation.name, "", "Gesloten", "98101", "Vzw", "ja", ""]  # an update too
    data = make_csv(LIB_HEADER, rows)
    counts = (Organisation.objects.count(), Library.objects.count(), Organisation.history.count())
    before = registry_checksum()
    calls = {"n": 0}
    definition_class = get_definition("libraries").__class__
    if path == "service per row":
        # the service fails on row 3 of 6, after two rows were written
        monkeypatch.setattr(definition_class, "batch_size", 0)
        real_save = definition_class.service

        def failing_save(**kwargs):
            calls["n"] += 1
            if calls["n"] == 3:
                raise RuntimeError("schijf vol")
            return real_save(**kwargs)

        monkeypatch.setattr(definition_class, "service", staticmethod(failing_save))
    else:
        # batches of two: the second batch fails after its rows were bulk-written
        monkeypatch.setattr(definition_class, "batch_size", 2)
        real_history = importers.LibraryBatch._write_served_history

        def failing_history(self, libraries, records):
            calls["n"] += 1
            real_history(self, libraries, records)
            if calls["n"] == 2:
                raise RuntimeError("schijf vol")

        monkeypatch.setattr(importers.LibraryBatch, "_write_served_history", failing_history)
    with pytest.raises(RuntimeError):
        run("libraries", data, cell_staff, commit=True)
    assert calls["n"] >= 2
    assert (Organisation.objects.count(), Library.objects.count(), Organisation.history.count()) == counts
    assert registry_checksum() == before


def test_batched_library_save_applies_the_same_rules_as_the_service(network, cell_staff, monkeypatch):
    rode = network["rode"].organisation
    header = [*LIB_HEADER, "Gesloten in", "E-mailadres", "Bediende gemeenten"]
    rows = [
        [rode.name, "", "Actief", "98101", "Vzw", "ja", "", "", "", ""],  # update of an existing one: fine
        [rode.name, "rode-2", "Actief", "98101", "Vzw", "ja", "", "", "", ""],  # same name, same municipality
        [
            "Nieuwe bib",
            network["cooperation"].organisation.slug,
            "Actief",
            "98103",
            "Vzw",
            "ja",
            "",
            "",
            "",
            "",
        ],  # slug
        ["Bib Jaren", "", "Actief", "98103", "Vzw", "ja", "2000", "1990", "", ""],  # closed before opened
        ["Bib Lang " + "x" * 200, "", "Actief", "98103", "Vzw", "ja", "", "", "", ""],  # too long
        ["Bib Twee", "", "Actief", "98103", "Vzw", "ja", "", "", "", "98101, 98094"],  # served municipalities
        ["Bib Twee", "", "Actief", "98094", "Vzw", "ja", "", "", "", ""],  # same name, other municipality: fine
    ]
    data = make_csv(header, rows)
    definition_class = get_definition("libraries").__class__
    batched = run("libraries", data, cell_staff, commit=True)
    batched_state = registry_checksum()
    assert batched.committed is False
    monkeypatch.setattr(definition_class, "batch_size", 0)
    per_row = run("libraries", data, cell_staff, commit=True)
    assert registry_checksum() == batched_state
    assert [(e["row"], e["column"]) for e in batched.errors] == [(e["row"], e["column"]) for e in per_row.errors]
    assert {e["row"] for e in batched.errors} == {3, 4, 5, 6}
    assert batched.counts == per_row.counts
    # and without the bad rows both paths write the same data, with history naming the actor and the file
    good = make_csv(header, [rows[0], rows[5], rows[6]])
    assert run("libraries", good, cell_staff, commit=True).committed
    twee = Library.objects.get(organisation__name="Bib Twee", organisation__municipality__code="98103")
    assert sorted(twee.municipalities_served.values_list("code", flat=True)) == ["98094", "98101"]
    record = twee.history.latest()
    assert record.history_user == cell_staff
    assert list(
        record.municipalities_served.values_list("territorialunit__code", flat=True).order_by("territorialunit__code")
    ) == [
        "98094",
        "98101",
    ]


def test_branch_and_contact_imports_create_through_the_services(network, cell_staff, units):
    rode = network["rode"].organisation.slug
    branches = make_csv(
        ["Bibliotheek", "Naam", "Hoofdbibliotheek", "NIS-code", "Breedtegraad", "Lengtegraad", "Toegankelijkheid"],
        [
            [rode, "Filiaal Linkebeek", "nee", "98101", "", "", "Volledig toegankelijk"],
            [rode, "Tweede hoofdbibliotheek", "ja", "98101", "", "", "full"],
            [rode, "Ver weg", "nee", "98101", "10,5", "10,5", "Onbekend"],
        ],
    )
    result = run("branches", branches, cell_staff, commit=False)
    by_row = {e["row"]: e for e in result.errors}
    assert by_row[3]["message"] == "Deze bibliotheek heeft al een hoofdbibliotheek."
    assert by_row[3]["column"] == "Hoofdbibliotheek"
    assert "liggen niet in" in by_row[4]["message"]
    assert result.counts["create"] == 1
    contacts = make_csv(
        ["Organisatie", "Voornaam", "Familienaam", "E-mailadres"], [[rode, "Jan", "Peeters", "jan@rode.be"]]
    )
    result = run("contacts", contacts, cell_staff, commit=True)
    assert result.committed
    assert Contact.objects.filter(first_name="Jan", organisation__slug=rode, email="jan@rode.be").exists()
