from django.urls import path

from folio.sender_portal import views

app_name = "sender_portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("documents/<uuid:code>/", views.document_detail, name="document"),
]
