"""Writes of the webhooks app: endpoints, collecting events into deliveries, sending them.

Events are not pushed from the places that write them (no signals, and the ingest path stays as
it is): the `webhooks.collect` sweep reads new `DocumentEvent` rows past a cursor, writes one
`WebhookDelivery` per subscribed endpoint and enqueues its send task in the same transaction as
the cursor's move, so a crash loses nothing and sends nothing twice from one collect. Sending is
at least once: a send that dies after the request is recovered and sent again under the same
`webhook-id`, which receivers dedupe on.
"""

from __future__ import annotations

import datetime
import logging
import random
import uuid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Max, Min, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from folio.core import http
from folio.core.errors import ApplicationError, IllegalTransitionError
from folio.documents.models import DocumentEvent
from folio.tenancy.actors import Actor
from folio.tenancy.models import Membership, MembershipRole, MembershipScope, Organization
from folio.tenancy.selectors import organization_ids_visible_to, organization_subtree
from folio.tenancy.services import audit_record, require_permission
from folio.webhooks.events import event_data, event_type_of, first_event_ids, payload_body
from folio.webhooks.models import (
    TEST_EVENT_TYPE,
    WEBHOOK_DELIVERY_TRANSITIONS,
    DisabledReason,
    WebhookAttempt,
    WebhookCursor,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEndpoint,
    WebhookEventType,
)
from folio.webhooks.signing import secret_decrypt, secret_encrypt, secret_generate, signed_headers

logger = logging.getLogger(__name__)

# Waits after the 1st, 2nd, ... failed attempt (the Standard Webhooks / Svix schedule); each is
# stretched or shrunk by up to a fifth (jitter) so that failed receivers are not hit in step.
RETRY_DELAYS = (
    datetime.timedelta(seconds=5),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=5),
    datetime.timedelta(hours=10),
    datetime.timedelta(hours=10),
)
RETRYABLE_CODES = frozenset({408, 429})
RESPONSE_EXCERPT_CHARS = 2000
# A send not finished this long after its claim is taken as dead and sent again.
SENDING_LEASE = datetime.timedelta(minutes=2)
# After a rotation the old secret signs too for this long.
ROTATION_OVERLAP = datetime.timedelta(hours=24)
CURSOR_NAME = "document_events"
COLLECT_BATCH = 500
# Event ids skipped by the cursor are looked for again this long (an open transaction that took
# the id commits later); a rolled-back transaction's ids never appear and are dropped.
GAP_MAX_AGE = datetime.timedelta(minutes=10)
GAP_LIMIT = 1000


# --- endpoints --------------------------------------------------------------------------------


def _latest_event_id() -> int:
    return DocumentEvent.objects.aggregate(latest=Max("id"))["latest"] or 0


def _clean(*, url: str, event_types: list[str]) -> list[str]:
    problem = http.url_problem(url)
    if problem:
        raise ApplicationError(
            "invalid_url",
            _("This URL cannot receive webhooks: %(problem)s.") % {"problem": problem},
        )
    known = set(WebhookEventType.values)
    chosen = [value for value in WebhookEventType.values if value in set(event_types)]
    unknown = sorted(set(event_types) - known)
    if unknown:
        raise ApplicationError(
            "unknown_event_type",
            _("Unknown event types: %(types)s.") % {"types": ", ".join(unknown)},
        )
    if not chosen:
        raise ApplicationError("no_event_types", _("Choose at least one event type."))
    return chosen


def _check_subsidiaries(actor: Actor, organization: Organization, include: bool) -> None:
    """Only someone who may see every organization below may have their events sent out."""
    if not include:
        return
    below = set(organization_subtree(organization).values_list("id", flat=True))
    if not below <= organization_ids_visible_to(actor):
        raise ApplicationError(
            "subsidiaries_not_visible",
            _("You may not see every organization below %(name)s.") % {"name": organization},
        )


@transaction.atomic
def webhook_endpoint_create(
    *,
    actor: Actor,
    organization: Organization,
    url: str,
    event_types: list[str],
    description: str = "",
    include_subsidiaries: bool = False,
) -> tuple[WebhookEndpoint, str]:
    """Create an endpoint; returns it with its signing secret, which is shown this once."""
    require_permission(actor, "manage_settings", organization)
    chosen = _clean(url=url, event_types=event_types)
    _check_subsidiaries(actor, organization, include_subsidiaries)
    secret = secret_generate()
    endpoint = WebhookEndpoint.objects.create(
        organization=organization,
        url=url,
        description=description,
        event_types=chosen,
        include_subsidiaries=include_subsidiaries,
        secret_encrypted=secret_encrypt(secret),
        start_after_event_id=_latest_event_id(),
        created_by=actor.user_or_none,
    )
    audit_record(
        actor=actor,
        action="webhook_endpoint.created",
        organization=organization,
        obj=endpoint,
        detail={"url": url, "event_types": chosen},
    )
    return endpoint, secret


@transaction.atomic
def webhook_endpoint_update(
    *,
    actor: Actor,
    endpoint: WebhookEndpoint,
    url: str,
    event_types: list[str],
    description: str = "",
    include_subsidiaries: bool = False,
) -> WebhookEndpoint:
    require_permission(actor, "manage_settings", endpoint.organization)
    chosen = _clean(url=url, event_types=event_types)
    _check_subsidiaries(actor, endpoint.organization, include_subsidiaries)
    endpoint.url = url
    endpoint.event_types = chosen
    endpoint.description = description
    endpoint.include_subsidiaries = include_subsidiaries
    endpoint.save(
        update_fields=["url", "event_types", "description", "include_subsidiaries", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="webhook_endpoint.updated",
        organization=endpoint.organization,
        obj=endpoint,
        detail={"url": url, "event_types": chosen},
    )
    return endpoint


@transaction.atomic
def webhook_endpoint_set_active(
    *, actor: Actor, endpoint: WebhookEndpoint, active: bool
) -> WebhookEndpoint:
    """Turn an endpoint off (events from now on are not sent to it) or on again."""
    require_permission(actor, "manage_settings", endpoint.organization)
    locked = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    if locked.is_active == active:
        return locked
    locked.is_active = active
    if active:
        # Events of the time it was off are not sent late: it starts again from now.
        locked.start_after_event_id = _latest_event_id()
        locked.disabled_at = None
        locked.disabled_reason = ""
        locked.consecutive_failures = 0
        locked.failing_since = None
    else:
        locked.disabled_at = timezone.now()
        locked.disabled_reason = DisabledReason.MANUAL
    locked.save(
        update_fields=[
            "is_active",
            "start_after_event_id",
            "disabled_at",
            "disabled_reason",
            "consecutive_failures",
            "failing_since",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="webhook_endpoint.enabled" if active else "webhook_endpoint.disabled",
        organization=locked.organization,
        obj=locked,
    )
    return locked


@transaction.atomic
def webhook_endpoint_rotate_secret(*, actor: Actor, endpoint: WebhookEndpoint) -> str:
    """A new signing secret, shown once; the old one also signs for ROTATION_OVERLAP."""
    require_permission(actor, "manage_settings", endpoint.organization)
    locked = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    secret = secret_generate()
    locked.previous_secret_encrypted = locked.secret_encrypted
    locked.previous_secret_expires_at = timezone.now() + ROTATION_OVERLAP
    locked.secret_encrypted = secret_encrypt(secret)
    locked.save(
        update_fields=[
            "previous_secret_encrypted",
            "previous_secret_expires_at",
            "secret_encrypted",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="webhook_endpoint.secret_rotated",
        organization=locked.organization,
        obj=locked,
    )
    return secret


def endpoint_secrets_in_use(endpoint: WebhookEndpoint, *, now: datetime.datetime) -> list[str]:
    in_use = [secret_decrypt(endpoint.secret_encrypted)]
    if (
        endpoint.previous_secret_encrypted
        and endpoint.previous_secret_expires_at
        and endpoint.previous_secret_expires_at > now
    ):
        in_use.append(secret_decrypt(endpoint.previous_secret_encrypted))
    return in_use


# --- deliveries: state, enqueueing ------------------------------------------------------------


def _move(delivery: WebhookDelivery, to_status: str) -> None:
    to_status = WebhookDeliveryStatus(to_status)
    if to_status not in WEBHOOK_DELIVERY_TRANSITIONS[delivery.status]:
        raise IllegalTransitionError(
            "illegal_transition",
            _("A webhook delivery cannot go from %(from)s to %(to)s.")
            % {"from": delivery.get_status_display(), "to": to_status.label},
        )
    delivery.status = to_status


def _enqueue(delivery: WebhookDelivery, *, run_after: datetime.datetime | None = None) -> None:
    """Queue the send; call inside the transaction that made the delivery due."""
    from folio.webhooks.tasks import webhook_send

    task = webhook_send.using(run_after=run_after) if run_after else webhook_send
    task.enqueue(str(delivery.code))


def _new_delivery(
    *, endpoint: WebhookEndpoint, event_type: str, body_for, source_event=None, now
) -> WebhookDelivery:
    code = uuid.uuid4()
    return WebhookDelivery(
        code=code,
        endpoint=endpoint,
        event_type=event_type,
        source_event=source_event,
        message_id=f"msg_{code.hex}",
        body=body_for,
        status=WebhookDeliveryStatus.PENDING,
        next_attempt_at=now,
    )


@transaction.atomic
def webhook_test_send(*, actor: Actor, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """Queue a `webhook.test` event for the endpoint (to check the receiver and its signature
    check)."""
    require_permission(actor, "manage_settings", endpoint.organization)
    if not endpoint.is_active:
        raise ApplicationError("endpoint_off", _("Turn the endpoint on to send a test event."))
    now = timezone.now()
    organization = endpoint.organization
    body = payload_body(
        event_type=TEST_EVENT_TYPE,
        timestamp=now,
        data={
            "organization": {
                "id": str(organization.code),
                "slug": organization.slug,
                "name": organization.name,
            },
            "endpoint": {"id": str(endpoint.code)},
            "message": "A test event from Folio.",
        },
    )
    delivery = _new_delivery(endpoint=endpoint, event_type=TEST_EVENT_TYPE, body_for=body, now=now)
    delivery.save()
    _enqueue(delivery)
    audit_record(
        actor=actor, action="webhook_endpoint.test_sent", organization=organization, obj=endpoint
    )
    return delivery


@transaction.atomic
def webhook_delivery_redeliver(*, actor: Actor, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery again now: the same body under the same webhook-id, newly signed."""
    require_permission(actor, "manage_settings", delivery.endpoint.organization)
    locked = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
    if locked.status in (WebhookDeliveryStatus.PENDING, WebhookDeliveryStatus.SENDING):
        raise ApplicationError("already_queued", _("This delivery is already on its way."))
    if not delivery.endpoint.is_active:
        raise ApplicationError("endpoint_off", _("Turn the endpoint on to redeliver."))
    _move(locked, WebhookDeliveryStatus.PENDING)
    locked.next_attempt_at = timezone.now()
    # A new round of retries from here, on the same schedule as the first.
    locked.attempts_allowed = locked.attempt_count + settings.FOLIO_WEBHOOK_MAX_ATTEMPTS
    locked.save(update_fields=["status", "next_attempt_at", "attempts_allowed", "updated_at"])
    _enqueue(locked)
    audit_record(
        actor=actor,
        action="webhook_delivery.redelivered",
        organization=delivery.endpoint.organization,
        obj=locked,
        detail={"message_id": locked.message_id},
    )
    return locked


# --- collecting events ------------------------------------------------------------------------


def _reaches(endpoint: WebhookEndpoint, organization: Organization) -> bool:
    """Tenancy: an endpoint hears its own organization, and what lies below only if it asks."""
    if organization.id == endpoint.organization_id:
        return True
    return endpoint.include_subsidiaries and organization.path.startswith(
        endpoint.organization.path
    )


def _cursor_start() -> int:
    """Where a new cursor starts: just before the events of the oldest endpoint (history from
    before any endpoint existed is never sent)."""
    oldest = WebhookEndpoint.objects.aggregate(start=Min("start_after_event_id"))["start"]
    return oldest if oldest is not None else _latest_event_id()


def _next_gaps(
    cursor: WebhookCursor, events: list[DocumentEvent], new_last: int, now: datetime.datetime
) -> list[list]:
    seen = {event.id for event in events}
    cutoff = now - GAP_MAX_AGE
    kept = [
        [gap_id, first_seen]
        for gap_id, first_seen in cursor.gaps
        if gap_id not in seen and datetime.datetime.fromisoformat(first_seen) > cutoff
    ]
    low = max(cursor.last_event_id + 1, new_last - GAP_LIMIT)
    stamp = now.isoformat()
    kept.extend([gap_id, stamp] for gap_id in range(low, new_last) if gap_id not in seen)
    return kept[-GAP_LIMIT:]


def webhook_events_collect(*, batch: int = COLLECT_BATCH, now: datetime.datetime | None = None):
    """Turn new document events into deliveries for the endpoints that subscribe to them, and
    move the cursor past them, in one transaction. Returns the number of events read (a full
    batch means there may be more)."""
    now = now or timezone.now()
    with transaction.atomic():
        cursor = WebhookCursor.objects.select_for_update().filter(name=CURSOR_NAME).first()
        if cursor is None:
            WebhookCursor.objects.get_or_create(
                name=CURSOR_NAME, defaults={"last_event_id": _cursor_start()}
            )
            cursor = WebhookCursor.objects.select_for_update().get(name=CURSOR_NAME)
        gap_ids = [gap_id for gap_id, _seen in cursor.gaps]
        events = list(
            DocumentEvent.objects.filter(Q(id__gt=cursor.last_event_id) | Q(id__in=gap_ids))
            .select_related("document__organization", "document__customer", "delivery")
            .order_by("id")[:batch]
        )
        new_last = max([cursor.last_event_id, *(event.id for event in events)])
        _deliveries_for(events, now=now)
        cursor.gaps = _next_gaps(cursor, events, new_last, now)
        cursor.last_event_id = new_last
        cursor.save(update_fields=["gaps", "last_event_id", "updated_at"])
    return len(events)


def _deliveries_for(events: list[DocumentEvent], *, now: datetime.datetime) -> int:
    if not events:
        return 0
    endpoints = list(WebhookEndpoint.objects.filter(is_active=True).select_related("organization"))
    if not endpoints:
        return 0
    already = set(
        WebhookDelivery.objects.filter(
            source_event_id__in=[event.id for event in events]
        ).values_list("endpoint_id", "source_event_id")
    )
    first_ids = first_event_ids(events)
    deliveries: list[WebhookDelivery] = []
    for event in events:
        organization = event.document.organization
        listening = [
            endpoint
            for endpoint in endpoints
            if event.id > endpoint.start_after_event_id
            and (endpoint.id, event.id) not in already
            and _reaches(endpoint, organization)
        ]
        if not listening:
            continue
        event_type = event_type_of(event, first_ids)
        if event_type is None:
            continue
        body = None
        for endpoint in listening:
            if event_type not in endpoint.event_types:
                continue
            if body is None:
                body = payload_body(
                    event_type=event_type, timestamp=event.at, data=event_data(event, event_type)
                )
            deliveries.append(
                _new_delivery(
                    endpoint=endpoint,
                    event_type=event_type,
                    body_for=body,
                    source_event=event,
                    now=now,
                )
            )
    WebhookDelivery.objects.bulk_create(deliveries)
    for delivery in deliveries:
        _enqueue(delivery)
    return len(deliveries)


# --- sending ----------------------------------------------------------------------------------


def retry_delay(failed_attempts: int) -> datetime.timedelta:
    base = RETRY_DELAYS[min(failed_attempts, len(RETRY_DELAYS)) - 1]
    return base * random.uniform(0.8, 1.2)


def _claim(delivery_code: str, now: datetime.datetime) -> WebhookDelivery | None:
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("endpoint")
            .filter(code=delivery_code, status=WebhookDeliveryStatus.PENDING)
            .first()
        )
        if delivery is None or (delivery.next_attempt_at and delivery.next_attempt_at > now):
            return None
        if not delivery.endpoint.is_active:
            _move(delivery, WebhookDeliveryStatus.CANCELLED)
            delivery.last_error = "The endpoint is turned off."
            delivery.next_attempt_at = None
            delivery.save(update_fields=["status", "last_error", "next_attempt_at", "updated_at"])
            return None
        _move(delivery, WebhookDeliveryStatus.SENDING)
        delivery.attempt_count += 1
        delivery.claimed_until = now + SENDING_LEASE
        delivery.last_attempt_at = now
        delivery.save(
            update_fields=[
                "status",
                "attempt_count",
                "claimed_until",
                "last_attempt_at",
                "updated_at",
            ]
        )
    return delivery


def webhook_delivery_send(*, delivery_code: str) -> str:
    """Send one due delivery and record the answer. Safe to run twice: only a PENDING, due
    delivery is claimed. Returns what happened (for the task result)."""
    now = timezone.now()
    delivery = _claim(delivery_code, now)
    if delivery is None:
        return "not_due"
    endpoint = delivery.endpoint
    body = delivery.body.encode()
    headers = {
        "content-type": "application/json",
        **signed_headers(
            secrets_in_use=endpoint_secrets_in_use(endpoint, now=now),
            message_id=delivery.message_id,
            timestamp=int(now.timestamp()),
            body=body,
        ),
    }
    response: http.OutboundResponse | None = None
    error: http.OutboundError | None = None
    try:
        response = http.post(endpoint.url, content=body, headers=headers)
    except http.OutboundError as exc:
        error = exc
    return _attempt_record(
        delivery=delivery, headers=headers, response=response, error=error, at=now
    )


def _attempt_record(
    *,
    delivery: WebhookDelivery,
    headers: dict[str, str],
    response: http.OutboundResponse | None,
    error: http.OutboundError | None,
    at: datetime.datetime,
) -> str:
    now = timezone.now()
    excerpt = ""
    if response is not None:
        excerpt = response.body.decode("utf-8", errors="replace")[:RESPONSE_EXCERPT_CHARS]
    succeeded = response is not None and 200 <= response.status_code < 300
    if succeeded:
        retryable = False
    elif response is not None:
        retryable = response.status_code in RETRYABLE_CODES or response.status_code >= 500
    else:
        retryable = error is not None and not error.blocked
    error_text = error.message if error is not None else ""
    if response is not None and not succeeded:
        error_text = f"HTTP {response.status_code}"
    with transaction.atomic():
        locked = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
        WebhookAttempt.objects.create(
            delivery=locked,
            number=delivery.attempt_count,
            at=at,
            request_headers=headers,
            response_code=response.status_code if response is not None else None,
            response_headers=dict(response.headers) if response is not None else {},
            response_excerpt=excerpt,
            duration_ms=response.duration_ms if response is not None else 0,
            error=error_text,
            succeeded=succeeded,
        )
        if (
            locked.status != WebhookDeliveryStatus.SENDING
            or locked.attempt_count != delivery.attempt_count
        ):
            # Recovered as stalled and claimed again meanwhile: that send owns the status now.
            return "stale"
        locked.response_code = response.status_code if response is not None else None
        locked.response_excerpt = excerpt
        locked.duration_ms = response.duration_ms if response is not None else 0
        locked.last_error = error_text
        locked.claimed_until = None
        if succeeded:
            _move(locked, WebhookDeliveryStatus.SUCCEEDED)
            locked.next_attempt_at = None
            outcome = "succeeded"
        elif retryable and locked.attempt_count < (
            locked.attempts_allowed or settings.FOLIO_WEBHOOK_MAX_ATTEMPTS
        ):
            _move(locked, WebhookDeliveryStatus.PENDING)
            round_start = max(
                locked.attempts_allowed - settings.FOLIO_WEBHOOK_MAX_ATTEMPTS
                if locked.attempts_allowed
                else 0,
                0,
            )
            locked.next_attempt_at = now + retry_delay(locked.attempt_count - round_start)
            _enqueue(locked, run_after=locked.next_attempt_at)
            outcome = "retry"
        else:
            _move(locked, WebhookDeliveryStatus.FAILED)
            locked.next_attempt_at = None
            outcome = "failed"
        locked.save(
            update_fields=[
                "status",
                "response_code",
                "response_excerpt",
                "duration_ms",
                "last_error",
                "claimed_until",
                "next_attempt_at",
                "updated_at",
            ]
        )
        _endpoint_health_record(locked.endpoint_id, succeeded=succeeded, now=now)
    return outcome


def _endpoint_health_record(endpoint_id: int, *, succeeded: bool, now: datetime.datetime) -> None:
    endpoints = WebhookEndpoint.objects.filter(pk=endpoint_id)
    if succeeded:
        endpoints.update(consecutive_failures=0, failing_since=None, last_success_at=now)
        return
    endpoints.update(
        consecutive_failures=F("consecutive_failures") + 1,
        failing_since=Coalesce(F("failing_since"), now),
    )
    endpoint = endpoints.select_related("organization").first()
    if endpoint is not None:
        _disable_if_failing_too_long(endpoint, now=now)


def _disable_if_failing_too_long(endpoint: WebhookEndpoint, *, now: datetime.datetime) -> bool:
    cutoff = now - datetime.timedelta(days=settings.FOLIO_WEBHOOK_DISABLE_AFTER_DAYS)
    if not endpoint.is_active or endpoint.failing_since is None or endpoint.failing_since > cutoff:
        return False
    turned_off = WebhookEndpoint.objects.filter(pk=endpoint.pk, is_active=True).update(
        is_active=False, disabled_at=now, disabled_reason=DisabledReason.FAILING
    )
    if not turned_off:
        return False
    endpoint.is_active = False
    endpoint.disabled_at = now
    endpoint.disabled_reason = DisabledReason.FAILING
    audit_record(
        actor=Actor.for_system("webhooks"),
        action="webhook_endpoint.auto_disabled",
        organization=endpoint.organization,
        obj=endpoint,
        detail={"failing_since": endpoint.failing_since.isoformat()},
    )
    transaction.on_commit(lambda: _tell_admins_disabled(endpoint))
    return True


def organization_admin_emails(organization: Organization) -> list[str]:
    """The e-mail addresses of the organization's administrators, and of administrators above
    it whose role covers everything below."""
    ancestor_paths = [
        organization.path[: index + 1]
        for index, char in enumerate(organization.path)
        if char == "/" and index > 0
    ]
    memberships = Membership.objects.filter(
        Q(organization=organization)
        | Q(organization__path__in=ancestor_paths, scope=MembershipScope.SUBTREE),
        role=MembershipRole.ADMIN,
        user__is_active=True,
    ).exclude(user__email="")
    return sorted(set(memberships.values_list("user__email", flat=True)))


def _tell_admins_disabled(endpoint: WebhookEndpoint) -> None:
    recipients = organization_admin_emails(endpoint.organization)
    if not recipients:
        logger.warning("Webhook endpoint %s turned off; no admin to tell", endpoint.code)
        return
    from django.urls import reverse

    context = {
        "endpoint": endpoint,
        "organization": endpoint.organization,
        "days": settings.FOLIO_WEBHOOK_DISABLE_AFTER_DAYS,
        "link": settings.SITE_URL + reverse("sender_portal:settings_webhook", args=[endpoint.code]),
    }
    with translation.override(endpoint.organization.language or settings.LANGUAGE_CODE):
        subject = render_to_string("webhooks/email/endpoint_disabled_subject.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string("webhooks/email/endpoint_disabled.txt", context),
            to=recipients,
        )
        message.attach_alternative(
            render_to_string("webhooks/email/endpoint_disabled.html", context), "text/html"
        )
    message.send()


# --- recovery ---------------------------------------------------------------------------------


def webhook_deliveries_recover(*, now: datetime.datetime | None = None) -> int:
    """Put sends that died mid-way (claim expired) back in the queue; turn off endpoints that
    have failed for too long even when nothing new is sent to them. Returns sends recovered."""
    now = now or timezone.now()
    recovered = 0
    with transaction.atomic():
        stalled = WebhookDelivery.objects.select_for_update(skip_locked=True).filter(
            status=WebhookDeliveryStatus.SENDING, claimed_until__lt=now
        )[:500]
        for delivery in stalled:
            _move(delivery, WebhookDeliveryStatus.PENDING)
            delivery.next_attempt_at = now
            delivery.claimed_until = None
            delivery.last_error = "The send did not finish; sending again."
            delivery.save(
                update_fields=[
                    "status",
                    "next_attempt_at",
                    "claimed_until",
                    "last_error",
                    "updated_at",
                ]
            )
            _enqueue(delivery)
            recovered += 1
    cutoff = now - datetime.timedelta(days=settings.FOLIO_WEBHOOK_DISABLE_AFTER_DAYS)
    failing = WebhookEndpoint.objects.filter(
        is_active=True, failing_since__lte=cutoff
    ).select_related("organization")
    for endpoint in failing:
        with transaction.atomic():
            _disable_if_failing_too_long(endpoint, now=now)
    return recovered
