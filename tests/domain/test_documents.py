"""Documents: creation, the status pipeline, payments, and tenant rules."""

from decimal import Decimal

import pytest

from folio.core.errors import (
    ApplicationError,
    ConflictError,
    IllegalTransitionError,
    NotFoundError,
    PermissionDeniedError,
)
from folio.documents import services
from folio.documents.models import (
    DOCUMENT_TRANSITIONS,
    Document,
    DocumentEvent,
    DocumentStatus,
    DocumentType,
    EventKind,
    PaymentStatus,
)
from folio.documents.selectors import document_get_for_actor, document_timeline
from folio.documents.services import (
    document_create,
    document_mark_viewed,
    document_register_payment,
    document_transition,
)
from folio.tenancy.actors import Actor
from folio.tenancy.services import visibility_group_create
from tests.factories import DocumentFactory, document_input, line_inputs

LEGAL_MOVES = sorted((a, b) for a, targets in DOCUMENT_TRANSITIONS.items() for b in targets)
ILLEGAL_MOVES = sorted(
    (a, b)
    for a in DocumentStatus.values
    for b in DocumentStatus.values
    if b not in DOCUMENT_TRANSITIONS[a]
)


def as_user(persona) -> Actor:
    return Actor.for_user(persona.user)


def state_of(document: Document) -> tuple:
    row = Document.objects.filter(pk=document.pk).values().get()
    return row, list(DocumentEvent.objects.filter(document=document).values_list("id", flat=True))


class TestCreate:
    def test_create_stores_lines_amounts_and_the_received_event(self, world, personas):
        clerk = personas["subsidiary_clerk_no"]
        data = document_input(number="NEW-1", lines=line_inputs(3), payment_reference="1234")
        document = document_create(
            actor=as_user(clerk),
            organization=clerk.organization,
            customer=clerk.customer,
            data=data,
        )
        assert document.status == DocumentStatus.RECEIVED
        assert document.payment_status == PaymentStatus.UNPAID
        assert document.counterparty_name == "Kari Nordmann"
        assert [line.position for line in document.lines.all()] == [1, 2, 3]
        assert sum(line.amount_net for line in document.lines.all()) == document.amount_net
        events = list(document_timeline(document))
        assert [(e.kind, e.to_status, e.actor_user) for e in events] == [
            (EventKind.RECEIVED, DocumentStatus.RECEIVED, clerk.user)
        ]

    def test_a_credit_note_asks_for_no_payment(self, world, personas):
        clerk = personas["subsidiary_clerk_no"]
        document = document_create(
            actor=as_user(clerk),
            organization=clerk.organization,
            customer=clerk.customer,
            data=document_input(type=DocumentType.CREDIT_NOTE, number="CN-9", lines=line_inputs(1)),
        )
        assert document.payment_status == PaymentStatus.NOT_APPLICABLE

    def test_a_duplicate_number_is_a_conflict_naming_the_existing_document(
        self, world, personas, row_counts
    ):
        clerk = personas["subsidiary_clerk_no"]
        existing = world.documents["kari-invoice-sent"]
        before = row_counts()
        with pytest.raises(ConflictError) as refused:
            document_create(
                actor=as_user(clerk),
                organization=clerk.organization,
                customer=clerk.customer,
                data=document_input(number=existing.number, lines=line_inputs(1)),
            )
        assert refused.value.code == "duplicate_number"
        assert refused.value.extra["existing_id"] == str(existing.code)
        assert existing.number in str(refused.value.message)
        assert refused.value.as_dict()["existing_number"] == existing.number
        assert row_counts() == before

    def test_the_same_number_is_free_for_another_type_or_another_sender(self, world, personas):
        number = world.documents["kari-invoice-sent"].number
        clerk_no, clerk_se = personas["subsidiary_clerk_no"], personas["subsidiary_clerk_se"]
        document_create(
            actor=as_user(clerk_no),
            organization=clerk_no.organization,
            customer=clerk_no.customer,
            data=document_input(type=DocumentType.QUOTE, number=number, lines=line_inputs(1)),
        )
        document_create(
            actor=as_user(clerk_se),
            organization=clerk_se.organization,
            customer=clerk_se.customer,
            data=document_input(number=number, lines=line_inputs(1)),
        )
        assert Document.objects.filter(number=number).count() == 3

    @pytest.mark.parametrize(
        ("organization", "customer"),
        [("nordlys-se", "svea-bygg"), ("hansa", "mueller"), ("nordlys", None)],
    )
    def test_a_no_clerk_cannot_create_documents_for_other_tenants(
        self, world, personas, row_counts, organization, customer
    ):
        before = row_counts()
        with pytest.raises(NotFoundError):
            document_create(
                actor=as_user(personas["subsidiary_clerk_no"]),
                organization=world.organizations[organization],
                customer=world.customers[customer] if customer else None,
                data=document_input(number="X-1", lines=line_inputs(1)),
            )
        assert row_counts() == before

    def test_seeing_a_sibling_is_not_permission_to_send_for_it(self, world, personas, row_counts):
        visibility_group_create(
            actor=Actor.for_system("tests"),
            parent=world.organizations["nordlys"],
            name="Nordic",
            members=[world.organizations["nordlys-no"], world.organizations["nordlys-se"]],
        )
        before = row_counts()
        with pytest.raises(PermissionDeniedError):
            document_create(
                actor=as_user(personas["subsidiary_clerk_no"]),
                organization=world.organizations["nordlys-se"],
                customer=world.customers["svea-bygg"],
                data=document_input(number="X-1", lines=line_inputs(1)),
            )
        assert row_counts() == before

    @pytest.mark.parametrize("persona", ["viewer", "operator_staff"])
    def test_roles_without_send_cannot_create(self, world, personas, row_counts, persona):
        before = row_counts()
        with pytest.raises(PermissionDeniedError):
            document_create(
                actor=as_user(personas[persona]),
                organization=world.organizations["nordlys-no"],
                customer=world.customers["kari"],
                data=document_input(number="X-1", lines=line_inputs(1)),
            )
        assert row_counts() == before

    def test_the_customer_must_belong_to_the_sender(self, world, personas, row_counts):
        before = row_counts()
        with pytest.raises(ApplicationError) as refused:
            document_create(
                actor=as_user(personas["enterprise_admin"]),
                organization=world.organizations["nordlys-no"],
                customer=world.customers["svea-bygg"],
                data=document_input(number="X-1", lines=line_inputs(1)),
            )
        assert refused.value.code == "customer_not_of_sender"
        assert row_counts() == before

    def test_an_api_key_sends_for_its_own_organization_only(self, world, row_counts):
        from tests.factories import ApiKeyFactory

        key = ApiKeyFactory(organization=world.organizations["nordlys-no"])
        actor = Actor.for_api_key(key)
        document = document_create(
            actor=actor,
            organization=world.organizations["nordlys-no"],
            customer=world.customers["kari"],
            data=document_input(number="API-1", lines=line_inputs(1)),
        )
        assert document.events.get().actor_label == f"API key {key.prefix}"
        before = row_counts()
        with pytest.raises(NotFoundError):
            document_create(
                actor=Actor.for_api_key(key),
                organization=world.organizations["nordlys-se"],
                customer=world.customers["svea-bygg"],
                data=document_input(number="API-2", lines=line_inputs(1)),
            )
        assert row_counts() == before


class TestTransitions:
    @pytest.mark.parametrize(("from_status", "to_status"), LEGAL_MOVES)
    def test_each_legal_move_writes_exactly_one_event(self, db, from_status, to_status):
        document = DocumentFactory(status=from_status, line_count=1)
        events_before = document.events.count()
        document_transition(
            document=document, to_status=to_status, actor=Actor.for_system("tests"), reason="why"
        )
        document.refresh_from_db()
        assert document.status == to_status
        assert document.events.count() == events_before + 1
        event = document.events.order_by("-id").first()
        assert (event.from_status, event.to_status, event.message) == (
            from_status,
            to_status,
            "why",
        )
        assert event.at == document.status_changed_at

    @pytest.mark.parametrize(("from_status", "to_status"), ILLEGAL_MOVES)
    def test_each_illegal_move_is_refused_and_changes_nothing(self, db, from_status, to_status):
        document = DocumentFactory(status=from_status, line_count=1)
        before = state_of(document)
        with pytest.raises(IllegalTransitionError) as refused:
            document_transition(
                document=document, to_status=to_status, actor=Actor.for_system("tests")
            )
        assert refused.value.extra == {"from": from_status, "to": to_status}
        assert state_of(document) == before
        assert document.status == from_status

    def test_a_failing_event_write_rolls_the_status_back(self, db, monkeypatch):
        document = DocumentFactory(status=DocumentStatus.ACCEPTED, line_count=1)
        before = state_of(document)

        def broken_event_record(**kwargs):
            raise RuntimeError("event table unavailable")

        monkeypatch.setattr(services, "event_record", broken_event_record)
        with pytest.raises(RuntimeError):
            document_transition(
                document=document, to_status=DocumentStatus.SENDING, actor=Actor.for_system("t")
            )
        assert state_of(document) == before

    def test_an_unknown_status_is_refused(self, db):
        document = DocumentFactory(line_count=1)
        before = state_of(document)
        with pytest.raises(ValueError):
            document_transition(document=document, to_status="lost", actor=Actor.for_system("t"))
        assert state_of(document) == before

    @pytest.mark.parametrize(
        ("persona", "error"),
        [
            ("viewer", PermissionDeniedError),
            ("german_admin", NotFoundError),
            ("subsidiary_clerk_se", NotFoundError),
            ("consumer_recipient", NotFoundError),
            ("outsider", NotFoundError),
        ],
    )
    def test_only_permitted_staff_may_move_a_document(
        self, world, personas, row_counts, persona, error
    ):
        document = world.documents["kari-credit-note"]
        before = row_counts(), state_of(document)
        with pytest.raises(error):
            document_transition(
                document=document,
                to_status=DocumentStatus.SENDING,
                actor=as_user(personas[persona]),
            )
        assert (row_counts(), state_of(document)) == before

    def test_a_stale_instance_is_checked_against_the_database(self, db):
        document = DocumentFactory(status=DocumentStatus.ACCEPTED, line_count=1)
        stale = Document.objects.get(pk=document.pk)
        actor = Actor.for_system("tests")
        document_transition(document=document, to_status=DocumentStatus.CANCELLED, actor=actor)
        before = state_of(document)
        # `stale` still says ACCEPTED, but the row is CANCELLED: nothing may leave CANCELLED.
        with pytest.raises(IllegalTransitionError):
            document_transition(document=stale, to_status=DocumentStatus.SENDING, actor=actor)
        assert state_of(document) == before


class TestPayments:
    def test_payments_move_the_payment_status_and_write_events(self, db):
        document = DocumentFactory(line_count=1)  # 137.50 payable
        actor = Actor.for_system("bank")
        document = document_register_payment(
            document=document, amount=Decimal("37.50"), actor=actor, reference="r1"
        )
        assert (document.payment_status, document.amount_open) == (
            PaymentStatus.PARTLY_PAID,
            Decimal("100.00"),
        )
        document = document_register_payment(document=document, amount=Decimal("100"), actor=actor)
        assert document.payment_status == PaymentStatus.PAID
        document = document_register_payment(
            document=document, amount=Decimal("-137.50"), actor=actor
        )
        assert (document.payment_status, document.amount_paid) == (PaymentStatus.UNPAID, 0)
        payments = document.events.filter(kind=EventKind.PAYMENT).order_by("id")
        assert [(e.from_status, e.to_status) for e in payments] == [
            ("unpaid", "partly_paid"),
            ("partly_paid", "paid"),
            ("paid", "unpaid"),
        ]

    def test_a_credited_document_cannot_be_paid(self, db):
        document = DocumentFactory(line_count=1)
        Document.objects.filter(pk=document.pk).update(payment_status=PaymentStatus.CREDITED)
        before = state_of(document)
        with pytest.raises(IllegalTransitionError):
            document_register_payment(
                document=document, amount=Decimal("137.50"), actor=Actor.for_system("bank")
            )
        assert state_of(document) == before

    def test_refunds_cannot_exceed_what_was_paid(self, db):
        document = DocumentFactory(line_count=1, amount_paid=Decimal("10"))
        before = state_of(document)
        with pytest.raises(ApplicationError) as refused:
            document_register_payment(
                document=document, amount=Decimal("-10.01"), actor=Actor.for_system("bank")
            )
        assert refused.value.code == "refund_exceeds_paid"
        assert state_of(document) == before

    def test_a_zero_payment_is_refused_and_writes_nothing(self, db):
        document = DocumentFactory(line_count=1)
        before = state_of(document)
        with pytest.raises(ApplicationError) as refused:
            document_register_payment(
                document=document, amount=Decimal("0.00"), actor=Actor.for_system("bank")
            )
        assert refused.value.code == "zero_amount"
        assert state_of(document) == before
        assert not document.events.filter(kind=EventKind.PAYMENT).exists()

    def test_documents_that_ask_for_no_payment_refuse_payments(self, db):
        document = DocumentFactory(type=DocumentType.CREDIT_NOTE, line_count=1)
        before = state_of(document)
        with pytest.raises(ApplicationError) as refused:
            document_register_payment(
                document=document, amount=Decimal("1"), actor=Actor.for_system("bank")
            )
        assert refused.value.code == "not_payable"
        assert state_of(document) == before

    def test_foreign_staff_cannot_register_payments(self, world, personas):
        document = world.documents["kari-invoice-sent"]
        before = state_of(document)
        with pytest.raises(NotFoundError):
            document_register_payment(
                document=document, amount=Decimal("5"), actor=as_user(personas["german_admin"])
            )
        assert state_of(document) == before


class TestReads:
    def test_lookup_by_code_hides_foreign_and_malformed_codes(self, world, personas):
        clerk = as_user(personas["subsidiary_clerk_no"])
        own = world.documents["kari-invoice-sent"]
        assert document_get_for_actor(clerk, code=own.code) == own
        assert document_get_for_actor(clerk, code=str(own.code)) == own
        for code in (world.documents["svea-invoice-sent"].code, "nope", "", None, own.pk):
            with pytest.raises(NotFoundError):
                document_get_for_actor(clerk, code=code)

    def test_first_view_is_kept_and_every_view_is_an_event(self, world, personas):
        document = world.documents["kari-invoice-sent"]
        actor = as_user(personas["consumer_recipient"])
        document_mark_viewed(document=document, actor=actor, via="portal")
        first = Document.objects.get(pk=document.pk).first_viewed_at
        document_mark_viewed(document=document, actor=actor, via="email")
        assert Document.objects.get(pk=document.pk).first_viewed_at == first
        views = document.events.filter(kind=EventKind.VIEWED)
        assert [e.data["via"] for e in views.order_by("id")] == ["portal", "email"]
