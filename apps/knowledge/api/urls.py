from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("knowledge/articles", views.ArticleViewSet, basename="knowledge-article")

urlpatterns = router.urls
