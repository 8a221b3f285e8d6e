from django.contrib import admin
from django.urls import path

from folio.core import views as core_views

urlpatterns = [
    path("", core_views.landing, name="landing"),
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
