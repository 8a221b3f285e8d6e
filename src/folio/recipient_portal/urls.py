from django.urls import path

from folio.recipient_portal import views

app_name = "recipient_portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.PortalSignInView.as_view(), name="login"),
    path("logout/", views.PortalSignOutView.as_view(), name="logout"),
    path("documents/<uuid:code>/", views.document_detail, name="document"),
]
