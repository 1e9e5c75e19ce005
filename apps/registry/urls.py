from django.urls import path

from .views import home, libraries, organisations, people, territory

app_name = "registry"


def organisation_routes(prefix: str, segment: str, module) -> list:
    """The detail tabs and edit pages every organisation kind has, under /<segment>/<slug>/."""
    pages = [
        ("", "detail"),
        ("partners/", "partners"),
        ("contacten/", "contacts"),
        ("medewerkers/", "affiliations"),
        ("geschiedenis/", "history"),
        ("bewerken/", "edit"),
        ("verwijderen/", "delete"),
    ]
    routes = []
    for suffix, key in pages:
        view = getattr(module, f"{prefix.capitalize()}{key.capitalize()}View")
        routes.append(path(f"{segment}/<slug:slug>/{suffix}", view.as_view(), name=f"{prefix}_{key}"))
    return routes


urlpatterns = [
    path("", home.home, name="home"),
    path("zoeken/", home.quick_find_view, name="quick_find"),
    path("kaart/", territory.RegistryMapView.as_view(), name="map"),
    # Territory
    path("gemeenten/", territory.MunicipalityListView.as_view(), name="municipality_list"),
    path("gemeenten/<str:code>/", territory.MunicipalityDetailView.as_view(), name="municipality_detail"),
    path(
        "gemeenten/<str:code>/geschiedenis/", territory.MunicipalityHistoryView.as_view(), name="municipality_history"
    ),
    path("groeperingen/", territory.GroupingListView.as_view(), name="grouping_list"),
    path("groeperingen/<slug:kind>/<str:code>/", territory.GroupingDetailView.as_view(), name="grouping_detail"),
    path("gebiedswijzigingen/", territory.TerritorialChangeListView.as_view(), name="change_list"),
    # Libraries
    path("bibliotheken/", libraries.LibraryListView.as_view(), name="library_list"),
    path("bibliotheken/nieuw/", libraries.LibraryCreateView.as_view(), name="library_create"),
    *organisation_routes("library", "bibliotheken", libraries),
    path("bibliotheken/<slug:slug>/vestigingen/", libraries.LibraryBranchesView.as_view(), name="library_branches"),
    path(
        "bibliotheken/<slug:slug>/samenwerking/", libraries.LibraryCooperationView.as_view(), name="library_cooperation"
    ),
    # Branches
    path("vestigingen/", libraries.BranchListView.as_view(), name="branch_list"),
    path("vestigingen/nieuw/", libraries.BranchCreateView.as_view(), name="branch_create"),
    path("vestigingen/<uuid:uuid>/", libraries.BranchDetailView.as_view(), name="branch_detail"),
    path("vestigingen/<uuid:uuid>/openingsuren/", libraries.branch_opening_hours, name="branch_opening_hours"),
    path("vestigingen/<uuid:uuid>/geschiedenis/", libraries.BranchHistoryView.as_view(), name="branch_history"),
    path(
        "vestigingen/<uuid:uuid>/afwijkende-dagen/", libraries.BranchExceptionsView.as_view(), name="branch_exceptions"
    ),
    path(
        "vestigingen/<uuid:uuid>/afwijkende-dagen/nieuw/",
        libraries.OpeningExceptionCreateView.as_view(),
        name="opening_exception_create",
    ),
    path(
        "vestigingen/<uuid:uuid>/afwijkende-dagen/<int:pk>/bewerken/",
        libraries.OpeningExceptionEditView.as_view(),
        name="opening_exception_edit",
    ),
    path(
        "vestigingen/<uuid:uuid>/afwijkende-dagen/<int:pk>/verwijderen/",
        libraries.OpeningExceptionDeleteView.as_view(),
        name="opening_exception_delete",
    ),
    path("vestigingen/<uuid:uuid>/bewerken/", libraries.BranchEditView.as_view(), name="branch_edit"),
    path("vestigingen/<uuid:uuid>/verwijderen/", libraries.BranchDeleteView.as_view(), name="branch_delete"),
    # Cooperations and memberships
    path("samenwerkingsverbanden/", organisations.CooperationListView.as_view(), name="cooperation_list"),
    path("samenwerkingsverbanden/nieuw/", organisations.CooperationCreateView.as_view(), name="cooperation_create"),
    *organisation_routes("cooperation", "samenwerkingsverbanden", organisations),
    path(
        "samenwerkingsverbanden/<slug:slug>/leden/",
        organisations.CooperationMembersView.as_view(),
        name="cooperation_members",
    ),
    path("lidmaatschappen/nieuw/", organisations.MembershipCreateView.as_view(), name="membership_create"),
    path("lidmaatschappen/<int:pk>/bewerken/", organisations.MembershipEditView.as_view(), name="membership_edit"),
    path("lidmaatschappen/<int:pk>/beeindigen/", organisations.membership_end, name="membership_end"),
    path(
        "lidmaatschappen/<int:pk>/verwijderen/", organisations.MembershipDeleteView.as_view(), name="membership_delete"
    ),
    # Partners and partner links
    path("partners/", organisations.PartnerListView.as_view(), name="partner_list"),
    path("partners/nieuw/", organisations.PartnerCreateView.as_view(), name="partner_create"),
    *organisation_routes("partner", "partners", organisations),
    path("partnerschappen/nieuw/", organisations.PartnerLinkCreateView.as_view(), name="partnerlink_create"),
    path("partnerschappen/<int:pk>/bewerken/", organisations.PartnerLinkEditView.as_view(), name="partnerlink_edit"),
    path(
        "partnerschappen/<int:pk>/verwijderen/",
        organisations.PartnerLinkDeleteView.as_view(),
        name="partnerlink_delete",
    ),
    # Contacts and affiliations
    path("contactpersonen/", people.ContactListView.as_view(), name="contact_list"),
    path("contactpersonen/nieuw/", people.ContactCreateView.as_view(), name="contact_create"),
    path("contactpersonen/<uuid:uuid>/bewerken/", people.ContactEditView.as_view(), name="contact_edit"),
    path("contactpersonen/<uuid:uuid>/verwijderen/", people.ContactDeleteView.as_view(), name="contact_delete"),
    path("medewerkers/", people.AffiliationListView.as_view(), name="affiliation_list"),
    path("medewerkers/nieuw/", people.AffiliationCreateView.as_view(), name="affiliation_create"),
    path("medewerkers/<int:pk>/bewerken/", people.AffiliationEditView.as_view(), name="affiliation_edit"),
    path("medewerkers/<int:pk>/verwijderen/", people.AffiliationDeleteView.as_view(), name="affiliation_delete"),
]
