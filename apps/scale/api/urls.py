from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("scale/scenarios", views.ScenarioViewSet, basename="scale-scenario")

urlpatterns = router.urls
