from django.urls import path

from apps.core.views import bench, pages

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("domein/<slug:slug>/", pages.service_area, name="service_area"),
    path("meting/basis/", bench.bench_baseline, name="bench_baseline"),
]
