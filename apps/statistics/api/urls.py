from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("statistics/indicators", views.IndicatorViewSet, basename="statistics-indicator")
router.register("statistics/figures", views.FigureViewSet, basename="statistics-figure")
router.register("statistics/peer-groups", views.PeerGroupViewSet, basename="statistics-peergroup")

urlpatterns = router.urls
