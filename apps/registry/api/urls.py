from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("municipalities", views.MunicipalityViewSet, basename="registry-municipality")
router.register("groupings", views.GroupingViewSet, basename="registry-grouping")
router.register("territorial-changes", views.TerritorialChangeViewSet, basename="registry-territorialchange")
router.register("libraries", views.LibraryViewSet, basename="registry-library")
router.register("branches", views.BranchViewSet, basename="registry-branch")
router.register("opening-exceptions", views.OpeningExceptionViewSet, basename="registry-openingexception")
router.register("cooperations", views.CooperationViewSet, basename="registry-cooperation")
router.register("memberships", views.MembershipViewSet, basename="registry-membership")
router.register("partners", views.PartnerViewSet, basename="registry-partner")
router.register("partner-links", views.PartnerLinkViewSet, basename="registry-partnerlink")
router.register("contacts", views.ContactViewSet, basename="registry-contact")
router.register("affiliations", views.AffiliationViewSet, basename="registry-affiliation")

urlpatterns = [
    path("geo/municipalities/", views.MunicipalityGeoJSONView.as_view(), name="registry-api-geo-municipalities"),
    path("geo/branches/", views.BranchGeoJSONView.as_view(), name="registry-api-geo-branches"),
    *router.urls,
]
