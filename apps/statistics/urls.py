from django.urls import path

from . import views, views_analysis

app_name = "statistics"

urlpatterns = [
    path("", views_analysis.home, name="home"),
    path("indicatoren/", views.IndicatorListView.as_view(), name="indicator_list"),
    path("indicatoren/nieuw/", views.IndicatorCreateView.as_view(), name="indicator_create"),
    path("indicatoren/<slug:code>/", views.IndicatorDetailView.as_view(), name="indicator_detail"),
    path("indicatoren/<slug:code>/bewerken/", views.IndicatorEditView.as_view(), name="indicator_edit"),
    path("indicatoren/<slug:code>/geschiedenis/", views.IndicatorHistoryView.as_view(), name="indicator_history"),
    path("leveringen/", views.DeliveryListView.as_view(), name="delivery_list"),
    path("leveringen/nieuw/", views.DeliveryCreateView.as_view(), name="delivery_create"),
    path("leveringen/<int:year>/", views.delivery_detail, name="delivery_detail"),
    path("leveringen/<int:year>/bewerken/", views.DeliveryEditView.as_view(), name="delivery_edit"),
    path("leveringen/<int:year>/herinneren/", views.delivery_remind, name="delivery_remind"),
    path("cijfers/", views.FigureListView.as_view(), name="figure_list"),
    path("opladen/", views.figures_upload, name="figures_upload"),
    path("opladen/<uuid:uuid>/", views.figures_upload_result, name="figures_upload_result"),
    path("opladen/<uuid:uuid>/importeren/", views.figures_upload_commit, name="figures_upload_commit"),
    path("bibliotheek/<slug:slug>/", views_analysis.library_dashboard, name="library_dashboard"),
    path("bibliotheek/<slug:slug>/rapport/", views_analysis.library_report, name="library_report"),
    path("bibliotheek/<slug:slug>/rapport.pdf", views_analysis.library_report_pdf, name="library_report_pdf"),
    path("bibliotheek/<slug:slug>/<int:year>/", views.submission_edit, name="submission_edit"),
    path("bibliotheek/<slug:slug>/<int:year>/bevestigen/", views.submission_confirm, name="submission_confirm"),
    path("bibliotheek/<slug:slug>/<int:year>/uitstel/", views.submission_extend, name="submission_extend"),
    path("vergelijkingsgroepen/", views_analysis.peergroup_list, name="peergroup_list"),
    path("vergelijkingsgroepen/nieuw/", views_analysis.peergroup_create, name="peergroup_create"),
    path("vergelijkingsgroepen/<uuid:uuid>/", views_analysis.peergroup_detail, name="peergroup_detail"),
    path("vergelijkingsgroepen/<uuid:uuid>/bewerken/", views_analysis.peergroup_edit, name="peergroup_edit"),
    path("vergelijkingsgroepen/<uuid:uuid>/verwijderen/", views_analysis.peergroup_delete, name="peergroup_delete"),
    path("rapporten/", views_analysis.report_batch_start, name="report_batch"),
]
