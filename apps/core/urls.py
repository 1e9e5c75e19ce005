from django.urls import path

from apps.core.views import bench, pages

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("domein/<slug:slug>/", pages.service_area, name="service_area"),
    path("meting/basis/", bench.bench_baseline, name="bench_baseline"),
]

# Values, background tasks, attachments and notifications (cross-cutting mechanisms).
from apps.core.views import attachments as attachment_views  # noqa: E402
from apps.core.views import notifications as notification_views  # noqa: E402
from apps.core.views import tasks as task_views  # noqa: E402
from apps.core.views import values as value_views  # noqa: E402

urlpatterns += [
    path("waarden/dekking/", value_views.values_coverage, name="values_coverage"),
    path("waarden/dekking/rapport/", value_views.values_coverage_report, name="values_coverage_report"),
    path(
        "waarden/toets/<int:content_type_id>/<str:object_id>/",
        value_views.value_assessment_edit,
        name="value_assessment_edit",
    ),
    path("taken/", task_views.task_list, name="task_list"),
    path("taken/<uuid:uuid>/", task_views.task_progress, name="task_progress"),
    path("taken/<uuid:uuid>/annuleren/", task_views.task_cancel, name="task_cancel"),
    path(
        "bijlagen/toevoegen/<int:content_type_id>/<str:object_id>/",
        attachment_views.attachment_upload,
        name="attachment_upload",
    ),
    path("bijlagen/<uuid:uuid>/", attachment_views.attachment_download, name="attachment_download"),
    path("bijlagen/<uuid:uuid>/verwijderen/", attachment_views.attachment_delete_view, name="attachment_delete"),
    path("meldingen/", notification_views.notifications, name="notifications"),
    path("meldingen/alles-gelezen/", notification_views.notifications_read_all, name="notifications_read_all"),
    path("meldingen/voorkeur/", notification_views.notification_preferences, name="notification_preferences"),
    path("meldingen/<int:pk>/gelezen/", notification_views.notification_read, name="notification_read"),
]
