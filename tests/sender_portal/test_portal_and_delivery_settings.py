"""Settings → Customer portal, Smartmail, E-mail templates, Routing and costs (issue 8 §6)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from folio.channels.email.messages import message_context, render_parts
from folio.channels.smartmail.transport import smartmail_deadline
from folio.customers.models import Customer
from folio.customers.services import customer_create
from folio.delivery.models import (
    DeliveryPolicy,
    FallbackChain,
    MessagePurpose,
    MessageTemplate,
)
from folio.delivery.policies import policy_for
from folio.delivery.sender_templates import PLACEHOLDERS
from folio.servicedesk.models import PortalAction, PortalSettings
from folio.tenancy.models import AuditEntry
from tests.factories import DeliveryFactory, system_actor

pytestmark = pytest.mark.django_db


def _flat_keys(context: dict, prefix: str = "") -> set[str]:
    keys = set()
    for key, value in context.items():
        if isinstance(value, dict):
            keys |= _flat_keys(value, f"{prefix}{key}.")
        else:
            keys.add(f"{prefix}{key}")
    return keys


# --- customer portal ---------------------------------------------------------------------------


def test_closing_a_document_type_and_an_action_hides_them_in_the_customer_portal(
    world, enterprise_admin, consumer_recipient, client_for
):
    nordlys_no = world.organizations["nordlys-no"]
    invoice = world.documents["kari-invoice-sent"]
    customer_client = client_for(consumer_recipient)
    assert customer_client.get(f"/portal/documents/{invoice.code}/").status_code == 200

    admin = client_for(enterprise_admin)
    page = admin.get(f"/app/settings/{nordlys_no.code}/customer-portal/")
    assert page.status_code == 200
    assert 'id="id_document_types_0" checked' in page.content.decode()
    response = admin.post(
        f"/app/settings/{nordlys_no.code}/customer-portal/",
        {
            "document_types": ["credit_note", "quote"],
            "actions": ["pay", "promise"],
            "changes_need_approval": "on",
        },
    )
    assert response.status_code == 302
    saved = PortalSettings.objects.get(sender=nordlys_no)
    assert saved.document_types == ["credit_note", "quote"]
    assert saved.actions == [PortalAction.PAY, PortalAction.PROMISE]
    assert saved.new_customers_portal_access is False
    # The customer portal enforces it: the invoice is gone, and so is commenting.
    assert customer_client.get(f"/portal/documents/{invoice.code}/").status_code == 404
    credit_note = world.documents["kari-credit-note"]
    credit_note.status = "sent"
    credit_note.save(update_fields=["status"])
    assert customer_client.get(f"/portal/documents/{credit_note.code}/").status_code == 200
    comment = customer_client.post(
        f"/portal/documents/{credit_note.code}/comment/", {"body": "Hello"}
    )
    assert comment.status_code == 404


def test_new_customers_get_the_default_access_and_apply_to_all_confirms_with_a_count(
    world, enterprise_admin, client_for
):
    nordlys_no = world.organizations["nordlys-no"]
    admin = client_for(enterprise_admin)
    assert (
        customer_create(
            actor=system_actor(),
            sender=nordlys_no,
            customer_number="NO-9001",
            kind="person",
            name="Before",
            country="NO",
        ).portal_access
        is False
    )
    admin.post(
        f"/app/settings/{nordlys_no.code}/customer-portal/",
        {
            "document_types": ["invoice"],
            "actions": ["pay"],
            "new_customers_portal_access": "on",
        },
    )
    created = customer_create(
        actor=system_actor(),
        sender=nordlys_no,
        customer_number="NO-9002",
        kind="person",
        name="After",
        country="NO",
    )
    assert created.portal_access is True
    # Ola and "Before" have no access; Kari and "After" have it.
    without = Customer.objects.filter(sender=nordlys_no, portal_access=False).count()
    assert without == 2
    settings_page = admin.get(f"/app/settings/{nordlys_no.code}/customer-portal/").content
    assert b"would open the portal to 2 customers" in settings_page
    confirm = admin.get(f"/app/settings/{nordlys_no.code}/customer-portal/apply/")
    assert confirm.status_code == 200 and b"Change 2 customers" in confirm.content
    assert Customer.objects.filter(sender=nordlys_no, portal_access=False).count() == 2
    done = admin.post(
        f"/app/settings/{nordlys_no.code}/customer-portal/apply/", {"confirm": "yes"}, follow=True
    )
    assert b"2 customers changed." in done.content
    assert not Customer.objects.filter(sender=nordlys_no, portal_access=False).exists()
    # Only this sender: another tenant's customers keep their access.
    assert Customer.objects.filter(sender=world.organizations["hansa"], portal_access=False)
    entry = AuditEntry.objects.get(action="portal_access.applied_to_all")
    assert entry.detail["changed"] == 2 and entry.organization == nordlys_no


def test_a_bare_post_changes_nothing_and_roles_without_settings_are_refused(
    world, enterprise_admin, subsidiary_clerk_no, german_admin, client_for, row_counts
):
    nordlys_no = world.organizations["nordlys-no"]
    PortalSettings.objects.create(sender=nordlys_no, new_customers_portal_access=True)
    before = row_counts()
    admin = client_for(enterprise_admin)
    url = f"/app/settings/{nordlys_no.code}/customer-portal/apply/"
    assert admin.post(url).status_code == 400
    assert client_for(subsidiary_clerk_no).post(url, {"confirm": "yes"}).status_code == 403
    assert client_for(german_admin).post(url, {"confirm": "yes"}).status_code == 404
    assert (
        client_for(german_admin)
        .post(f"/app/settings/{nordlys_no.code}/customer-portal/", {"document_types": []})
        .status_code
        == 404
    )
    assert row_counts() == before
    assert Customer.objects.filter(sender=nordlys_no, portal_access=False).count() == 1


def test_customer_and_document_pages_show_their_portal_urls(world, subsidiary_clerk_no, client_for):
    clerk = client_for(subsidiary_clerk_no)
    kari = world.customers["kari"]
    invoice = world.documents["kari-invoice-sent"]
    partner = clerk.get(f"/app/partners/{kari.code}/").content.decode()
    assert f"/portal/?account={kari.code}" in partner
    assert 'id="customer-portal-url"' in partner
    document = clerk.get(f"/app/documents/{invoice.code}/").content.decode()
    assert f"/portal/documents/{invoice.code}/" in document
    # Ola has no portal access: no portal address on his page.
    ola = world.customers["ola"]
    assert b"customer-portal-url" not in clerk.get(f"/app/partners/{ola.code}/").content


# --- Smartmail ---------------------------------------------------------------------------------


def test_smartmail_deadline_and_reminder_are_what_the_channel_uses(
    world, enterprise_admin, client_for
):
    nordlys_no = world.organizations["nordlys-no"]
    admin = client_for(enterprise_admin)
    url = f"/app/settings/{nordlys_no.code}/smartmail/"
    page = admin.get(url)
    assert page.status_code == 200 and b'value="7"' in page.content
    refused = admin.post(
        url, {"smartmail_days": "5", "remind": "on", "smartmail_reminder_days": "5"}
    )
    assert refused.status_code == 400 and b"before the deadline" in refused.content
    assert not DeliveryPolicy.objects.filter(organization=nordlys_no).exists()
    assert (
        admin.post(
            url, {"smartmail_days": "10", "remind": "on", "smartmail_reminder_days": "3"}
        ).status_code
        == 302
    )
    policy = policy_for(nordlys_no)
    assert (policy.smartmail_days, policy.smartmail_reminder_days) == (10, 3)
    delivery = DeliveryFactory(document=world.documents["kari-invoice-sent"], channel="smartmail")
    start = timezone.now()
    assert (smartmail_deadline(delivery, start=start) - start).days == 10
    admin.post(url, {"smartmail_days": "10"})
    assert policy_for(nordlys_no).smartmail_reminder_days is None


# --- e-mail templates --------------------------------------------------------------------------


def test_template_placeholders_are_exactly_the_message_context(world):
    context = message_context(document=world.documents["kari-invoice-sent"])
    assert _flat_keys(context) == set(PLACEHOLDERS)


def test_preview_renders_with_the_latest_document_and_save_is_used_for_sending(
    world, enterprise_admin, client_for
):
    nordlys_no = world.organizations["nordlys-no"]
    admin = client_for(enterprise_admin)
    url = f"/app/settings/{nordlys_no.code}/email/"
    assert admin.get(url).status_code == 200
    fields = {
        "purpose": "document",
        "language": "",
        "subject": "Faktura {{ document.number }} fra {{ sender.name }}",
        "text_body": "Hei {{ customer.name }}! Se {{ document.portal_url }}",
        "html_body": "<p>{{ customer.name|upper }}</p>",
    }
    preview = admin.post(url, {**fields, "action": "preview"})
    assert preview.status_code == 200
    shown = preview.context["preview"]
    latest = shown["document"]
    assert latest.organization == nordlys_no
    assert shown["subject"] == f"Faktura {latest.number} fra {nordlys_no.name}"
    assert f"/portal/documents/{latest.code}/" in shown["text"]
    assert shown["html"] == f"<p>{latest.customer.name.upper()}</p>"
    assert not MessageTemplate.objects.exists()

    assert admin.post(url, {**fields, "action": "save"}).status_code == 302
    invoice = world.documents["kari-invoice-sent"]
    subject, text, _html = render_parts(
        document=invoice, purpose=MessagePurpose.DOCUMENT, context=message_context(document=invoice)
    )
    assert subject == f"Faktura {invoice.number} fra {nordlys_no.name}"
    assert text.startswith("Hei Kari Nordmann!")


@pytest.mark.parametrize(
    "unsafe",
    [
        "{% debug %}",
        "{{ settings.SECRET_KEY }}",
        "{% load static %}",
        "{% include 'base.html' %}",
        "{{ document.number.__class__ }}",
        "{{ customer.name|safe }}",
        "{{ document.number|ljust:'100000000' }}",
        "{% for c in document.number %}{% for d in document.number %}x{% endfor %}{% endfor %}",
        # Deep nesting within the size limit: refused, not a server error (RecursionError).
        "{% if document.number %}" * 400 + "x" + "{% endif %}" * 400,
    ],
)
def test_unsafe_templates_are_refused_and_nothing_is_stored(
    unsafe, world, enterprise_admin, client_for
):
    nordlys_no = world.organizations["nordlys-no"]
    response = client_for(enterprise_admin).post(
        f"/app/settings/{nordlys_no.code}/email/",
        {
            "action": "save",
            "purpose": "smartmail",
            "subject": "Hello",
            "text_body": f"Text {unsafe}",
        },
    )
    assert response.status_code == 400
    assert not MessageTemplate.objects.exists()


def test_link_only_mode_and_reply_to_are_saved(world, enterprise_admin, client_for):
    nordlys_no = world.organizations["nordlys-no"]
    response = client_for(enterprise_admin).post(
        f"/app/settings/{nordlys_no.code}/email/",
        {"action": "delivery", "email_attachments": "link", "reply_to": "svar@nordlys.test"},
    )
    assert response.status_code == 302
    policy = policy_for(nordlys_no)
    assert (policy.email_attachments, policy.reply_to) == ("link", "svar@nordlys.test")


# --- routing and costs -------------------------------------------------------------------------


def test_routing_dry_run_shows_the_unsaved_change_and_keeps_nothing(
    world, enterprise_admin, client_for
):
    nordlys_no = world.organizations["nordlys-no"]
    admin = client_for(enterprise_admin)
    url = f"/app/settings/{nordlys_no.code}/routing/"
    assert admin.get(url).status_code == 200
    audit_before = AuditEntry.objects.count()
    form = {
        "forced_channel": "print",
        "chain": "email, print",
        "cost_print": "12.50",
        "action": "dry_run",
    }
    dry = admin.post(url, form)
    assert dry.status_code == 200
    rows = dry.context["dry_run"]
    assert rows and {row.channel for row in rows} == {"print"}
    assert {str(row.cost) for row in rows} == {"12.50"}
    assert not DeliveryPolicy.objects.filter(organization=nordlys_no).exists()
    assert not FallbackChain.objects.filter(organization=nordlys_no).exists()
    assert AuditEntry.objects.count() == audit_before

    assert admin.post(url, {**form, "action": "save"}).status_code == 302
    policy = policy_for(nordlys_no)
    assert policy.forced_channel == "print" and policy.cost_table == {"print": "12.50"}
    assert FallbackChain.objects.get(organization=nordlys_no).channels == ["email", "print"]
    bad = admin.post(url, {**form, "chain": "email, pigeon", "action": "save"})
    assert bad.status_code == 400 and b"Unknown channel: pigeon" in bad.content
