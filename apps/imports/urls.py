from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("geschiedenis/", views.job_list, name="job_list"),
    path("<uuid:uuid>/", views.job_detail, name="job_detail"),
    path("<uuid:uuid>/importeren/", views.job_commit, name="job_commit"),
    path("<uuid:uuid>/status/", views.job_status, name="job_status"),
    path("sjabloon/<slug:key>.<str:file_format>", views.template_download, name="template"),
    path("export/<slug:key>/", views.export, name="export"),
]
