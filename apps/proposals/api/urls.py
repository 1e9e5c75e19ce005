from rest_framework.routers import SimpleRouter

from .views import ChangeProposalViewSet

router = SimpleRouter()
router.register("proposals", ChangeProposalViewSet, basename="proposal")

urlpatterns = router.urls
