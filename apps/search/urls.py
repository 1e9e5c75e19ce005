from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.search_view, name="search"),
    path("synoniemen/", views.SynonymListView.as_view(), name="synonym_list"),
    path("synoniemen/nieuw/", views.SynonymCreateView.as_view(), name="synonym_create"),
    path("synoniemen/<int:pk>/bewerken/", views.SynonymEditView.as_view(), name="synonym_edit"),
    path("synoniemen/<int:pk>/verwijderen/", views.SynonymDeleteView.as_view(), name="synonym_delete"),
]
