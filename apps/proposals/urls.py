from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("", views.ReviewListView.as_view(), name="list"),
    path("mijn/", views.OwnListView.as_view(), name="mine"),
    path("nieuw/vestiging/<uuid:key>/openingsuren/", views.propose_hours, name="propose_hours"),
    path("nieuw/<str:target_type>/<str:key>/", views.propose_change, name="propose"),
    path("organisatie/<slug:slug>/nieuw/<str:create>/", views.propose_create, name="propose_create"),
    path("<uuid:uuid>/", views.ProposalDetailView.as_view(), name="detail"),
    path("<uuid:uuid>/geschiedenis/", views.ProposalHistoryView.as_view(), name="history"),
    path("<uuid:uuid>/goedkeuren/", views.proposal_approve, name="approve"),
    path("<uuid:uuid>/afwijzen/", views.proposal_reject, name="reject"),
    path("<uuid:uuid>/intrekken/", views.proposal_withdraw, name="withdraw"),
    path("<uuid:uuid>/team/", views.proposal_assign, name="assign"),
]
