from django.urls import path

from folio.payments import views

app_name = "payments"

urlpatterns = [
    path("webhooks/stripe/", views.stripe_webhook, name="stripe_webhook"),
    path("sandbox/checkout/<uuid:code>/", views.sandbox_checkout, name="sandbox_checkout"),
]
