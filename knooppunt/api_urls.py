"""All API routes, under /api/. Each app contributes its own router module."""

from django.urls import include, path

urlpatterns = [
    path("", include("apps.accounts.api.urls")),
    path("", include("apps.registry.api.urls")),
    path("", include("apps.imports.api.urls")),
    path("", include("apps.proposals.api.urls")),
    path("", include("apps.search.api.urls")),
    path("", include("apps.statistics.api.urls")),
    path("", include("apps.scale.api.urls")),
    path("", include("apps.knowledge.api.urls")),
    path("", include("apps.questions.api.urls")),
]
