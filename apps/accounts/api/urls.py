from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import MeView, TeamViewSet, TokenObtainView, UserViewSet

router = SimpleRouter()
router.register("users", UserViewSet, basename="user")
router.register("teams", TeamViewSet, basename="team")

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    path("token/", TokenObtainView.as_view(), name="api-token"),
    *router.urls,
]
