from django.urls import path

from .views import ImportAPIView

urlpatterns = [
    path("imports/", ImportAPIView.as_view(), name="api-imports"),
]
