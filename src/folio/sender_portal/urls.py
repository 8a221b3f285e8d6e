from django.urls import path

from folio.sender_portal import (
    second_factor,
    views,
    views_dashboard,
    views_document_comments,
    views_documents,
    views_partners,
    views_sessions,
    views_settings,
    views_settings_delivery,
    views_settings_portal,
    views_webhooks,
)

app_name = "sender_portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("documents/<uuid:code>/", views_documents.document_detail, name="document"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("verify/", second_factor.verify, name="verify"),
    path("security/two-factor/", second_factor.two_factor, name="two_factor"),
    path("scope/", views_dashboard.scope_switch, name="scope"),
    path("documents/", views_documents.document_list, name="documents"),
    path(
        "documents/export.csv",
        views_documents.document_export,
        {"file_format": "csv"},
        name="documents_export_csv",
    ),
    path(
        "documents/export.xlsx",
        views_documents.document_export,
        {"file_format": "xlsx"},
        name="documents_export_xlsx",
    ),
    path(
        "documents/<uuid:code>/source.xml",
        views_documents.document_source,
        {"kind": "xml"},
        name="document_source_xml",
    ),
    path(
        "documents/<uuid:code>/source.pdf",
        views_documents.document_source,
        {"kind": "pdf"},
        name="document_source_pdf",
    ),
    path("documents/<uuid:code>/cancel/", views_documents.document_cancel, name="document_cancel"),
    path(
        "documents/<uuid:code>/send/",
        views_documents.document_force_channel,
        name="document_force_channel",
    ),
    path(
        "documents/<uuid:code>/correct/",
        views_documents.document_correct,
        name="document_correct",
    ),
    path("artefacts/<uuid:code>/", views_documents.artefact_download, name="artefact"),
    path(
        "artefacts/<uuid:code>/preview.png",
        views_documents.artefact_preview,
        name="artefact_preview",
    ),
    path("stopped/", views_documents.stopped_queue, name="stopped"),
    path("stopped/resend/", views_documents.stopped_bulk_resend, name="stopped_resend"),
    path("partners/", views_partners.partner_list, name="partners"),
    path("partners/<uuid:code>/", views_partners.partner_detail, name="partner"),
    path("audit/", views_partners.audit_log, name="audit"),
    path("settings/", views_settings.settings_index, name="settings"),
    path("settings/<uuid:code>/users/", views_settings.users, name="settings_users"),
    path(
        "settings/<uuid:code>/users/revoke/",
        views_settings.user_revoke,
        name="settings_user_revoke",
    ),
    path("settings/<uuid:code>/api-keys/", views_settings.api_keys, name="settings_api_keys"),
    path(
        "settings/api-keys/<uuid:code>/revoke/",
        views_settings.api_key_revoke_view,
        name="settings_api_key_revoke",
    ),
    path("settings/<uuid:code>/branding/", views_settings.branding, name="settings_branding"),
    path("settings/<uuid:code>/rules/", views_settings.rules, name="settings_rules"),
    path(
        "settings/rules/<uuid:code>/delete/",
        views_settings.rule_delete,
        name="settings_rule_delete",
    ),
    path(
        "settings/<uuid:code>/customer-portal/",
        views_settings_portal.customer_portal,
        name="settings_customer_portal",
    ),
    path(
        "settings/<uuid:code>/customer-portal/apply/",
        views_settings_portal.customer_portal_apply,
        name="settings_customer_portal_apply",
    ),
    path(
        "settings/<uuid:code>/smartmail/",
        views_settings_delivery.smartmail,
        name="settings_smartmail",
    ),
    path(
        "settings/<uuid:code>/email/",
        views_settings_delivery.email_templates,
        name="settings_email",
    ),
    path("settings/<uuid:code>/routing/", views_settings_delivery.routing, name="settings_routing"),
    path("security/sessions/", views_sessions.sessions, name="sessions"),
    path(
        "security/sessions/<uuid:code>/revoke/",
        views_sessions.session_revoke,
        name="session_revoke",
    ),
    path(
        "security/sessions/revoke-others/",
        views_sessions.sessions_revoke_others,
        name="sessions_revoke_others",
    ),
    path(
        "documents/<uuid:code>/reply/",
        views_document_comments.document_comment_reply,
        name="document_comment_reply",
    ),
    path(
        "partners/<uuid:code>/reach/check/",
        views_partners.partner_reach_check,
        name="partner_reach_check",
    ),
    path("settings/<uuid:code>/webhooks/", views_webhooks.webhooks, name="settings_webhooks"),
    path(
        "settings/webhooks/<uuid:code>/",
        views_webhooks.webhook_endpoint,
        name="settings_webhook",
    ),
    path(
        "settings/webhooks/<uuid:code>/rotate/",
        views_webhooks.webhook_rotate,
        name="settings_webhook_rotate",
    ),
    path(
        "settings/webhooks/<uuid:code>/test/",
        views_webhooks.webhook_test,
        name="settings_webhook_test",
    ),
    path(
        "settings/webhooks/<uuid:code>/active/",
        views_webhooks.webhook_set_active,
        name="settings_webhook_active",
    ),
    path(
        "settings/webhooks/deliveries/<uuid:code>/",
        views_webhooks.webhook_delivery,
        name="settings_webhook_delivery",
    ),
    path(
        "settings/webhooks/deliveries/<uuid:code>/redeliver/",
        views_webhooks.webhook_redeliver,
        name="settings_webhook_redeliver",
    ),
    path(
        "invitation/<str:uidb64>/<str:token>/",
        views_settings.InvitationView.as_view(),
        name="invitation",
    ),
]
