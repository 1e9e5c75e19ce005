from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="home"),
    path("achterstallig/", views.overdue_view, name="overdue"),
    path("publiek/", views.PublicHomeView.as_view(), name="public_home"),
    path("publiek/<slug:slug>/", views.PublicArticleView.as_view(), name="public_article"),
    path("artikels/nieuw/", views.ArticleCreateView.as_view(), name="article_create"),
    path("artikels/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("artikels/<slug:slug>/geschiedenis/", views.ArticleHistoryView.as_view(), name="article_history"),
    path("artikels/<slug:slug>/bewerken/", views.ArticleEditView.as_view(), name="article_edit"),
    path("artikels/<slug:slug>/verwijderen/", views.ArticleDeleteView.as_view(), name="article_delete"),
    path("artikels/<slug:slug>/stap/<slug:name>/", views.article_transition_view, name="article_transition"),
]
