from django.urls import path

from . import views

app_name = "questions"

urlpatterns = [
    path("", views.home, name="home"),
    path("stel-een-vraag/", views.ask, name="ask"),
    path("stel-een-vraag/verstuurd/", views.thanks, name="thanks"),
    path("volg/<str:token>/", views.follow, name="follow"),
    path("volg/<str:token>/afsluiten/", views.follow_close, name="follow_close"),
    path("volg/<str:token>/bijlage/<uuid:uuid>/", views.follow_attachment, name="follow_attachment"),
    path("tevredenheid/<str:token>/<int:score>/", views.rate, name="rate"),
    path("loket/", views.DeskListView.as_view(), name="desk"),
    path("mijn/", views.OwnListView.as_view(), name="mine"),
    path("nieuw/", views.create, name="create"),
    path("termijnen/", views.sla_dashboard, name="sla"),
    path("rapport/", views.report, name="report"),
    path("persoonsgegevens/", views.personal_data, name="personal_data"),
    path("categorieen/", views.CategoryListView.as_view(), name="category_list"),
    path("categorieen/nieuw/", views.CategoryCreateView.as_view(), name="category_create"),
    path("categorieen/<slug:slug>/bewerken/", views.CategoryEditView.as_view(), name="category_edit"),
    path("regels/", views.RoutingRuleListView.as_view(), name="routingrule_list"),
    path("regels/nieuw/", views.RoutingRuleCreateView.as_view(), name="routingrule_create"),
    path("regels/<int:pk>/bewerken/", views.RoutingRuleEditView.as_view(), name="routingrule_edit"),
    path("regels/<int:pk>/verwijderen/", views.RoutingRuleDeleteView.as_view(), name="routingrule_delete"),
    path("sluitingsdagen/", views.ClosureDayListView.as_view(), name="closureday_list"),
    path("sluitingsdagen/nieuw/", views.ClosureDayCreateView.as_view(), name="closureday_create"),
    path("sluitingsdagen/<int:pk>/bewerken/", views.ClosureDayEditView.as_view(), name="closureday_edit"),
    path("sluitingsdagen/<int:pk>/verwijderen/", views.ClosureDayDeleteView.as_view(), name="closureday_delete"),
    path("<uuid:uuid>/", views.QuestionDetailView.as_view(), name="detail"),
    path("<uuid:uuid>/geschiedenis/", views.QuestionHistoryView.as_view(), name="history"),
    path("<uuid:uuid>/bewerken/", views.QuestionEditView.as_view(), name="edit"),
    path("<uuid:uuid>/antwoorden/", views.reply, name="reply"),
    path("<uuid:uuid>/notitie/", views.note, name="note"),
    path("<uuid:uuid>/toewijzen/", views.assign, name="assign"),
    path("<uuid:uuid>/reageren/", views.asker_reply, name="asker_reply"),
    path("<uuid:uuid>/kennisartikel/", views.to_article, name="to_article"),
    *[
        path(f"<uuid:uuid>/stap/{name}/", view, name=f"transition_{name}")
        for name, view in views.transition_views.items()
    ],
]
