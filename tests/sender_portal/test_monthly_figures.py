"""The dashboard's monthly figures: closed months from the summary table (rolled up by the
scheduler's sweep), the current month counted live, always equal to a live count."""

from __future__ import annotations

import datetime
import zoneinfo
from collections import Counter
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from folio.core.scheduling import sweeps_discover, sweeps_run_due
from folio.delivery.models import Delivery, DeliveryStatus
from folio.documents.models import (
    Direction,
    Document,
    DocumentEvent,
    DocumentStatus,
    DocumentType,
    MonthlyFigure,
    MonthlyRollup,
)
from folio.documents.services import document_transition
from folio.documents.statistics import add_months, month_start, monthly_figures_rollup
from tests.factories import (
    CompanyFactory,
    CustomerFactory,
    DeliveryFactory,
    DocumentFactory,
    system_actor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mid_month_afternoon():
    """A fixed, ordinary moment (the clock still runs): no month or hour turns over between a
    roll-up and the figures a test compares it with."""
    moment = datetime.datetime(2026, 6, 16, 14, 20, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(moment, tick=True):
        yield


def _backdate(document: Document, months_ago: int, day: int) -> None:
    """Arrange a document (and its timeline) as if it had arrived `months_ago` months back."""
    current = month_start(timezone.now())
    month = add_months(current, -months_ago)
    arrived = datetime.datetime(
        month.year, month.month, day, 10, 0, tzinfo=timezone.get_default_timezone()
    )
    # This month has not reached every day yet.
    arrived = min(arrived, timezone.now() - datetime.timedelta(hours=2))
    shift = timezone.now() - arrived
    Document.objects.filter(pk=document.pk).update(created_at=arrived, updated_at=arrived)
    DocumentEvent.objects.filter(document=document).update(at=F("at") - shift)
    Delivery.objects.filter(document=document).update(
        created_at=F("created_at") - shift, updated_at=F("updated_at") - shift
    )


def seed_months(company, *, prefix: str) -> list[Document]:
    """Documents over the last 14 months (one outside the 13-month window), some delivered."""
    customer = CustomerFactory(sender=company, name="Kari Nordmann")
    documents = []
    for index in range(18):
        months_ago = index % 14
        if index % 3 == 0:
            delivery = DeliveryFactory(
                document__customer=customer,
                document__number=f"{prefix}-{index}",
                channel="print" if index % 2 else "email",
                cost=Decimal("12.50") if index % 2 else Decimal("0.10"),
                status=DeliveryStatus.OPENED if index % 2 == 0 else DeliveryStatus.DELIVERED,
            )
            document = delivery.document
        else:
            document = DocumentFactory(
                customer=customer,
                number=f"{prefix}-{index}",
                type=DocumentType.CREDIT_NOTE if index % 4 == 1 else DocumentType.INVOICE,
                direction=Direction.RECEIVED if index % 5 == 0 else Direction.SENT,
                status=DocumentStatus.STOPPED if index % 2 else DocumentStatus.ACCEPTED,
                line_count=1,
            )
        _backdate(document, months_ago, day=1 + index)
        documents.append(document)
    return documents


def live_count(organizations) -> dict:
    """The dashboard's figures counted straight from the documents, one by one."""
    window = add_months(month_start(timezone.now()), -12)
    zone = timezone.get_default_timezone()
    by_month: Counter = Counter()
    by_status: Counter = Counter()
    by_type: Counter = Counter()
    deliveries: Counter = Counter()
    cost: dict[str, Decimal] = {}
    for document in Document.objects.filter(organization__in=organizations):
        month = month_start(document.created_at.astimezone(zone))
        if month < window:
            continue
        by_month[(month, document.direction)] += 1
        by_status[document.status] += 1
        by_type[document.type] += 1
        for delivery in Delivery.objects.filter(document=document):
            deliveries[delivery.channel] += 1
            cost[delivery.channel] = cost.get(delivery.channel, Decimal("0")) + delivery.cost
    return {
        "by_month": {key: n for key, n in by_month.items()},
        "by_status": dict(by_status),
        "by_type": dict(by_type),
        "deliveries": dict(deliveries),
        "cost": cost,
    }


def shown(response) -> dict:
    figures = response.context["figures"]
    return {
        "by_month": {
            (month, direction): n
            for month, row in figures.by_month.items()
            for direction, n in row.items()
            if n
        },
        "by_status": figures.by_status,
        "by_type": figures.by_type,
        "deliveries": {code: entry["count"] for code, entry in figures.by_channel.items()},
        "cost": {code: entry["cost"] for code, entry in figures.by_channel.items()},
    }


def test_figures_equal_a_live_count_before_and_after_the_roll_up(admin, company):
    seed_months(company, prefix="A")
    seed_months(CompanyFactory(slug="someone-else"), prefix="B")
    expected = live_count([company])
    assert sum(expected["by_month"].values()) == 17  # one document is older than 13 months
    # Before any sweep: every month is counted live.
    assert shown(admin.get("/app/dashboard/")) == expected

    result = monthly_figures_rollup()
    # Twelve closed months and the current one up to this hour, per organization.
    assert result["rolled_up"] >= 13
    assert MonthlyRollup.objects.filter(organization=company).count() == 13
    assert MonthlyFigure.objects.filter(organization=company).exists()
    assert shown(admin.get("/app/dashboard/")) == expected
    # Nothing changed since: the next run rolls nothing up again.
    assert monthly_figures_rollup() == {"rolled_up": 0, "refreshed": 0}


def test_new_documents_count_at_once(admin, company):
    seed_months(company, prefix="A")
    monthly_figures_rollup()
    customer = CustomerFactory(sender=company)
    for index in range(3):
        DeliveryFactory(
            document__customer=customer,
            document__number=f"NEW-{index}",
            channel="peppol",
            cost=Decimal("0.45"),
            status=DeliveryStatus.DELIVERED,
        )
    response = admin.get("/app/dashboard/")
    assert shown(response) == live_count([company])
    assert response.context["figures"].by_channel["peppol"]["count"] == 3


def test_closed_months_are_read_from_the_summary_and_refreshed_after_a_change(admin, company):
    documents = seed_months(company, prefix="A")
    monthly_figures_rollup()
    stopped = next(
        d for d in documents[1:13] if d.status == DocumentStatus.STOPPED and d.created_at.day > 1
    )
    # A change made behind the services' back (no event) is not seen: the summary is read.
    Document.objects.filter(pk=stopped.pk).update(type=DocumentType.STATEMENT)
    assert "statement" not in admin.get("/app/dashboard/").context["figures"].by_type
    Document.objects.filter(pk=stopped.pk).update(type=stopped.type)

    # A change through the service is written (updated_at); the next sweep refreshes that month
    # only.
    document_transition(document=stopped, to_status=DocumentStatus.CANCELLED, actor=system_actor())
    result = monthly_figures_rollup()
    assert result == {"rolled_up": 0, "refreshed": 1}
    assert shown(admin.get("/app/dashboard/")) == live_count([company])
    assert admin.get("/app/dashboard/").context["figures"].by_status["cancelled"] == 1


def test_the_scheduler_runs_the_roll_up(company):
    seed_months(company, prefix="A")
    ran = sweeps_run_due(sweeps_discover())
    assert "documents.monthly_figures" in ran
    assert MonthlyRollup.objects.filter(organization=company).count() == 13


def test_statistics_follow_scope_for_subsidiary_and_enterprise_users(client_for, world):
    seed_months(world.organizations["nordlys-no"], prefix="NO")
    seed_months(world.organizations["nordlys-se"], prefix="SE")
    monthly_figures_rollup()
    clerk = world.personas["subsidiary_clerk_no"]
    own = shown(client_for(clerk).get("/app/dashboard/"))
    assert own == live_count([clerk.organization])
    enterprise = client_for(world.personas["enterprise_admin"])
    everything = shown(enterprise.get("/app/dashboard/"))
    below = world.personas["enterprise_admin"].organization.children.all()
    assert sum(everything["by_status"].values()) > sum(own["by_status"].values())
    assert everything == live_count([world.personas["enterprise_admin"].organization, *below])
    # One click narrows the enterprise user's figures to one subsidiary.
    enterprise.post("/app/scope/", {"organization": "nordlys-no"})
    assert shown(enterprise.get("/app/dashboard/")) == own
