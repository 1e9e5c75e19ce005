from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from apps.core.permissions import public_view

handler400 = "apps.core.views.errors.bad_request"
handler403 = "apps.core.views.errors.permission_denied"
handler404 = "apps.core.views.errors.page_not_found"
handler500 = "apps.core.views.errors.server_error"

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("taal/", public_view(set_language), name="set_language"),
    path("api/schema/", public_view(SpectacularAPIView.as_view()), name="api-schema"),
    path("api/docs/", public_view(SpectacularSwaggerView.as_view(url_name="api-schema")), name="api-docs"),
    path("api/", include("knooppunt.api_urls")),
    path("account/", include("apps.accounts.urls")),
    path("netwerk/", include("apps.registry.urls")),
    path("import/", include("apps.imports.urls")),
    path("voorstellen/", include("apps.proposals.urls")),
    path("zoeken/", include("apps.search.urls")),
    path("cijfers/", include("apps.statistics.urls")),
    path("schaal/", include("apps.scale.urls")),
    path("kennis/", include("apps.knowledge.urls")),
    path("vragen/", include("apps.questions.urls")),
    path("", include("apps.core.urls")),
]

if settings.DEBUG:
    from apps.core.views import errors

    urlpatterns += [
        path("_fout/404/", public_view(errors.page_not_found)),
        path("_fout/403/", public_view(errors.permission_denied)),
        path("_fout/500/", public_view(errors.server_error)),
    ]
