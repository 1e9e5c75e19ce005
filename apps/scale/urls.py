from django.urls import path

from . import views

app_name = "scale"

urlpatterns = [
    path("", views.home, name="home"),
    path("nieuw/", views.scenario_create, name="scenario_create"),
    path("scenario/<uuid:uuid>/", views.scenario_detail, name="scenario_detail"),
    path("scenario/<uuid:uuid>/kaart.geojson", views.scenario_geojson, name="scenario_geojson"),
    path("scenario/<uuid:uuid>/gemeenten.csv", views.scenario_csv, name="scenario_csv"),
    path("scenario/<uuid:uuid>/verwijderen/", views.scenario_delete, name="scenario_delete"),
]
