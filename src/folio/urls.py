"""The site's routes. Every route here must have a line in tests/access_policy.py."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from folio.api.api import api
from folio.core import health
from folio.core import views as core_views

urlpatterns = [
    path("", core_views.landing, name="landing"),
    path("healthz", health.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("app/desk/", include("folio.servicedesk.urls")),
    path("app/", include("folio.sender_portal.urls")),
    path("portal/", include("folio.recipient_portal.urls")),
    path("backoffice/", include("folio.backoffice.urls")),
    path("api/v1/", api.urls),
    path("delivery/", include("folio.delivery.urls")),
    path("payments/", include("folio.payments.urls")),
    path("nordic/", include("folio.registries.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "folio.core.views.bad_request"
handler403 = "folio.core.views.permission_denied"
handler404 = "folio.core.views.page_not_found"
handler500 = "folio.core.views.server_error"
