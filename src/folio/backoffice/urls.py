from django.urls import path

from folio.backoffice import views

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("organizations/<uuid:code>/", views.organization_detail, name="organization"),
]
