from django.urls import path

from folio.recipient_portal import views, views_account, views_money, views_security

app_name = "recipient_portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.PortalSignInView.as_view(), name="login"),
    path("logout/", views.PortalSignOutView.as_view(), name="logout"),
    path("login/link/", views_account.magic_link_request, name="magic_link_request"),
    path("login/link/open/", views_account.magic_link, name="magic_link"),
    path("login/link/confirm/", views_account.magic_confirm, name="magic_confirm"),
    path("activate/", views_account.activate, name="activate"),
    path("login/code/", views_security.code_step, name="code_step"),
    path("security/", views_security.security, name="security"),
    path("documents/<uuid:code>/", views.document_detail, name="document"),
    path("documents/<uuid:code>/print/", views.document_print, name="document_print"),
    path("documents/<uuid:code>/pdf/", views.document_pdf_download, name="document_pdf"),
    path("documents/<uuid:code>/xml/", views.document_xml_download, name="document_xml"),
    path("documents/<uuid:code>/comment/", views.document_comment, name="document_comment"),
    path("documents/<uuid:code>/quote/", views.quote_answer, name="quote_answer"),
    path("documents/<uuid:code>/dispute/", views_money.dispute, name="dispute"),
    path("documents/<uuid:code>/pay/", views_money.pay_one, name="pay_one"),
    path("documents/zip/", views.documents_zip, name="documents_zip"),
    path("pay/", views_money.pay, name="pay"),
    path("pay/return/", views_money.pay_return, name="pay_return"),
    path("promise/", views_money.promise, name="promise"),
    path("statement/", views_money.statement, name="statement"),
    path("statement/pdf/", views_money.statement_pdf, name="statement_pdf"),
    path("my-data/", views_account.my_data, name="my_data"),
    path("support/<uuid:code>/", views_account.support_start, name="support_start"),
    path("support/stop/", views_account.support_stop, name="support_stop"),
]
