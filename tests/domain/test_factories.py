"""The factories and personas build valid rows through the services."""

from decimal import Decimal

from folio.customers.selectors import contacts_of_user
from folio.documents.models import DocumentEvent, DocumentStatus, PaymentStatus
from folio.documents.selectors import documents_visible_to
from folio.tenancy.actors import Actor
from folio.tenancy.services import api_key_authenticate
from tests import factories


def test_organization_paths_follow_the_tree(world):
    operator = world.organizations["operator"]
    nordlys_no = world.organizations["nordlys-no"]
    assert operator.path == f"/{operator.id:06d}/"
    assert nordlys_no.path.startswith(world.organizations["nordlys"].path)
    assert nordlys_no.depth == 2


def test_document_factory_amounts_add_up_and_timeline_follows_status(db):
    document = factories.DocumentFactory(line_count=3, status=DocumentStatus.SENT)
    lines = list(document.lines.all())
    assert len(lines) == 3
    assert sum(line.amount_net for line in lines) == document.amount_net
    assert document.amount_net + document.amount_vat == document.amount_total
    kinds = list(document.events.values_list("to_status", flat=True))
    assert kinds == ["received", "accepted", "sending", "sent"]


def test_document_factory_registers_payment(db):
    document = factories.DocumentFactory(line_count=1, amount_paid=Decimal("10.00"))
    assert document.payment_status == PaymentStatus.PARTLY_PAID
    assert document.amount_open == document.amount_payable - Decimal("10.00")


def test_every_factory_builds(db):
    delivery = factories.DeliveryFactory(status="delivered")
    assert delivery.status == "delivered"
    assert factories.DeliveryAttemptFactory(delivery=delivery).delivery.attempt_count == 0
    delivery.refresh_from_db()
    assert delivery.attempt_count == 1
    assert factories.DocumentFileFactory().file.read() == b"Folio test attachment\n"
    assert factories.DocumentEventFactory().kind == "comment"
    assert factories.DocumentLineFactory().position == 1
    assert factories.ConsentFactory().granted is True
    assert factories.AuditEntryFactory().action == "tests.recorded"
    group = factories.VisibilityGroupFactory()
    assert group.members.count() == 0
    assert DocumentEvent.objects.exists()


def test_api_key_factory_gives_a_working_secret(db):
    key = factories.ApiKeyFactory()
    assert api_key_authenticate(key.secret) == key


def test_personas_see_their_own_documents(personas):
    clerk = personas["subsidiary_clerk_no"]
    visible = set(documents_visible_to(Actor.for_user(clerk.user)))
    assert set(clerk.documents) == visible
    recipient = personas["consumer_recipient"]
    assert [c.customer for c in contacts_of_user(recipient.user)] == [recipient.customer]
    assert not documents_visible_to(Actor.for_user(personas["outsider"].user)).exists()


def test_client_for_logs_in(personas, client_for):
    client = client_for(personas["viewer"])
    assert client.session["_auth_user_id"] == str(personas["viewer"].user.pk)
