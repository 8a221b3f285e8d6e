from django.contrib import admin
from django.urls import include, path

from folio.core import views as core_views

urlpatterns = [
    path("", core_views.landing, name="landing"),
    path("healthz", core_views.healthz, name="healthz"),
    path("delivery/", include("folio.delivery.urls")),
    path("admin/", admin.site.urls),
]
