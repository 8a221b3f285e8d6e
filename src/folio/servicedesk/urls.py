from django.urls import path

from folio.servicedesk import views

app_name = "servicedesk"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("changes/decide/", views.change_decide, name="change_decide"),
    path("disputes/decide/", views.dispute_decide, name="dispute_decide"),
]
