from django.urls import path

from folio.delivery import views

app_name = "delivery"

urlpatterns = [
    path("open/<str:token>/", views.open_document, name="open"),
    path("webhooks/bounces/", views.bounce_webhook, name="bounce_webhook"),
]
