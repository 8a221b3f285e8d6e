"""Demo seed of the service desk (issue 7): comments with the sender's replies, quote answers.

The first of the portal-story seeds (then payments, then collections). Each story goes through
the real services under `DemoContext.clock_at`, at its own moment after the document arrived.
Besides the two demo portal users (whose documents `folio.recipient_portal.demo` issued), a
few other customers with portal access and a contact act on documents they already have. The
helpers here are shared by the payments and collections seeds.
"""

from __future__ import annotations

import datetime
import random

from django.db.models import Max

from folio.channels.base import SendResult
from folio.core.demo import DemoContext
from folio.customers.models import Contact, Customer
from folio.delivery.dispatch import delivery_success_record
from folio.documents.models import Direction, Document, DocumentStatus, DocumentType
from folio.servicedesk.services import comment_create, comment_reply, quote_decide
from folio.tenancy.actors import Actor
from folio.tenancy.demo import HANSA, NORDLYS_NO, NORDLYS_SE

# Who answers customers for each demo sender.
SENDER_STAFF = {NORDLYS_NO: "clerk-no", NORDLYS_SE: "clerk-se", HANSA: "hansa-admin"}

# (customer's question, sender's answer) per sender, in the sender's language.
CONVERSATIONS = {
    NORDLYS_NO: [
        (
            "Hvorfor er denne fakturaen høyere enn forrige måned? Vi var bortreist i ti dager.",
            "Hei! Forbruket er målt av AMS-måleren time for time, og spotprisen var høyere i "
            "perioden. Fraværet ditt gir lavere forbruk på neste faktura.",
        ),
        (
            "Kan dere sende fakturaene til en annen e-postadresse fra neste måned?",
            "Det kan du endre selv under «Mine opplysninger» i portalen; vi godkjenner "
            "endringen samme dag.",
        ),
    ],
    NORDLYS_SE: [
        (
            "Vi har betalt fakturan via portalen. Kan ni bekräfta att betalningen kommit fram?",
            "Tack! Betalningen är registrerad och fakturan är markerad som betald.",
        ),
        (
            "Fakturan saknar vårt inköpsordernummer. Kan ni lägga till det framöver?",
            "Absolut, vi har lagt in ert referensnummer på kundkortet från nästa faktura.",
        ),
    ],
    HANSA: [
        (
            "Können Sie uns die Rechnung zusätzlich mit unserer Kostenstelle 4711 schicken?",
            "Gerne, die Kostenstelle steht ab der nächsten Rechnung als Käuferreferenz darauf.",
        ),
        (
            "Zwei Bohrerkassetten fehlten in der Lieferung. Wird das nachgeliefert?",
            "Entschuldigung, die fehlenden Kassetten gehen heute per Express an Sie raus.",
        ),
    ],
}
QUOTE_REJECTIONS = {
    NORDLYS_NO: "Vi har valgt et annet tilbud denne gangen.",
    NORDLYS_SE: "Vi har valt en annan leverantör för solcellerna.",
    HANSA: "Der Preis liegt über unserem Budget für dieses Jahr.",
}
# How many other customers' documents get each kind of story.
OTHER_CONVERSATIONS = 4
OTHER_QUOTES = 4


def portal_contact(customer: Customer) -> Contact | None:
    """The contact who acts for an account in the demo: its administrator, else anyone."""
    return (
        Contact.objects.filter(customer=customer, can_view=True)
        .order_by("-is_admin", "id")
        .select_related("customer", "customer__sender", "user")
        .first()
    )


def contact_actor(contact: Contact) -> Actor:
    return Actor.for_user(contact.user) if contact.user else Actor.for_system(contact.name)


def staff_actor(context: DemoContext, sender) -> Actor:
    return Actor.for_user(context.users[SENDER_STAFF[sender.slug]])


def last_event_at(document: Document) -> datetime.datetime:
    return document.events.aggregate(last=Max("at"))["last"] or document.created_at


def later(context: DemoContext, moment: datetime.datetime, **delta) -> datetime.datetime:
    """`delta` after `moment`, but never past the seed's now."""
    return min(moment + datetime.timedelta(**delta), context.now)


def take(context: DemoContext, document: Document) -> Document:
    """Mark a document as used by one story, so that another seed does not pick it too."""
    context.portal_taken.add(document.pk)
    return document


def story_documents(
    context: DemoContext,
    rng: random.Random,
    *,
    count: int,
    delivered_days_ago: tuple[int, int] = (2, 400),
    **filters,
) -> list[tuple[Contact, Document]]:
    """`count` documents of other portal customers (not the demo users), each customer once,
    delivered between `delivered_days_ago` days ago, not used by another story; by `rng`."""
    taken = context.portal_taken
    demo_users = {document.customer_id for document in context.portal_documents.values()}
    candidates = list(
        Document.objects.filter(
            direction=Direction.SENT,
            status=DocumentStatus.DELIVERED,
            customer__portal_access=True,
            customer__contacts__isnull=False,
            status_changed_at__lte=context.now - datetime.timedelta(days=delivered_days_ago[0]),
            status_changed_at__gte=context.now - datetime.timedelta(days=delivered_days_ago[1]),
            **filters,
        )
        .exclude(customer_id__in=demo_users)
        .exclude(pk__in=taken)
        .select_related("customer", "customer__sender", "organization")
        .distinct()
        .order_by("id")
    )
    rng.shuffle(candidates)
    chosen: list[tuple[Contact, Document]] = []
    customers: set[int] = set()
    for document in candidates:
        if document.customer_id in customers:
            continue
        contact = portal_contact(document.customer)
        if contact is None:
            continue
        customers.add(document.customer_id)
        chosen.append((contact, take(context, document)))
        if len(chosen) == count:
            break
    return chosen


def deliver_as_the_network_reports(context: DemoContext, delivery, *, after) -> None:
    """The seed plays the network's part: the channel took the document a few minutes later.

    The dispatch job that routing queued finds the delivery done and skips it."""
    with context.clock_at(later(context, after, minutes=7)):
        delivery_success_record(
            delivery=delivery,
            result=SendResult(
                external_reference=f"demo-{delivery.message_key}",
                response="Accepted by the network.",
                delivered=True,
            ),
            duration_ms=180,
            actor=Actor.for_system("delivery"),
        )


def seed_demo(context: DemoContext) -> None:
    rng = context.rng_for("service desk")
    counts = {"comments": 0, "quote answers": 0}
    stories = context.portal_documents
    counts["comments"] += _conversation(
        context,
        stories["kari_current"],
        CONVERSATIONS[NORDLYS_NO][0],
        asked=context.moment(4, 19, 12),
    )
    counts["comments"] += _conversation(
        context, stories["svea_paid"], CONVERSATIONS[NORDLYS_SE][0], asked=context.moment(29, 14, 3)
    )
    _quote(context, stories["kari_quote_accepted"], accept=True, at=context.moment(21, 20, 41))
    _quote(context, stories["svea_quote_rejected"], accept=False, at=context.moment(24, 10, 15))
    counts["quote answers"] += 2
    for contact, document in story_documents(
        context, rng, count=OTHER_CONVERSATIONS, type=DocumentType.INVOICE
    ):
        asked = later(context, last_event_at(document), days=rng.randint(1, 6), hours=3)
        conversation = rng.choice(CONVERSATIONS[document.organization.slug])
        counts["comments"] += _conversation(
            context, document, conversation, asked=asked, contact=contact
        )
    for index, (contact, document) in enumerate(
        story_documents(context, rng, count=OTHER_QUOTES, type=DocumentType.QUOTE)
    ):
        at = later(context, last_event_at(document), days=rng.randint(1, 9), hours=2)
        _quote(context, document, accept=index % 2 == 0, at=at, contact=contact)
        counts["quote answers"] += 1
    context.counts.update(counts)


def _conversation(
    context: DemoContext,
    document: Document,
    conversation: tuple[str, str],
    *,
    asked: datetime.datetime,
    contact: Contact | None = None,
) -> int:
    """The customer asks on the document; the sender's staff answers the next working hours."""
    contact = contact or portal_contact(document.customer)
    question, answer = conversation
    with context.clock_at(asked):
        comment_create(
            contact=contact, document=document, body=question, actor=contact_actor(contact)
        )
    with context.clock_at(later(context, asked, hours=17, minutes=24)):
        comment_reply(
            document=document, body=answer, actor=staff_actor(context, document.organization)
        )
    return 2


def _quote(
    context: DemoContext,
    document: Document,
    *,
    accept: bool,
    at: datetime.datetime,
    contact: Contact | None = None,
) -> None:
    contact = contact or portal_contact(document.customer)
    take(context, document)
    with context.clock_at(at):
        quote_decide(
            contact=contact,
            document=document,
            accept=accept,
            signer_name=contact.name if accept else "",
            reason="" if accept else QUOTE_REJECTIONS[document.organization.slug],
            actor=contact_actor(contact),
        )
