"""Monthly figures of documents: a small summary table, rolled up off the request path.

Why a sweep and not counters in the services: the ingest path is the hot path (thousands of
documents a minute) and several services change a document's status, channel or deliveries;
a counter row per (organization, month, ...) updated in each of those transactions would be
one more hot row that every concurrent ingest of an organization locks. Instead:

- figures are kept per calendar month of a document's *arrival* (`created_at`, in the site's
  time zone): a new document always lands in the current month, so arrivals never reopen a
  closed month;
- the current month is always counted live (one organization's month is a bounded slice that
  the (organization, created_at) index reads directly);
- the scheduler's sweep rolls up each closed month once, and rolls it up again when any of its
  documents has had an event since (every state change writes a DocumentEvent in the same
  transaction: a late receipt, a resend, a cancellation), found through the events' time index;
- a closed month that is not rolled up yet (a fresh install, the first minutes of a month) is
  counted live as well, so the dashboard is right before the first sweep.

The dashboard therefore equals a live count, except for changes to a closed month in the
minutes between an event and the next sweep.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from folio.delivery.models import Delivery, DeliveryStatus
from folio.documents.models import Document, DocumentEvent, MonthlyFigure, MonthlyRollup
from folio.tenancy.models import Organization

# Statistics cover this many calendar months, the current one included.
TREND_MONTHS = 13
# Events can carry a network's receipt time, a little before they were written: look back this
# much further than the last roll-up when looking for changed months.
EVENT_CLOCK_SLACK = datetime.timedelta(hours=1)

# The dimensions of a figure, in MonthlyFigure's field names.
KEY_FIELDS = ("organization_id", "month", "direction", "type", "channel", "status", "currency")


@dataclass
class Figure:
    """One aggregate row, from the summary table or counted live."""

    organization_id: int
    month: datetime.date
    direction: str
    type: str
    channel: str
    status: str
    currency: str
    documents: int = 0
    amount_total: Decimal = Decimal("0")
    deliveries: int = 0
    deliveries_opened: int = 0
    deliveries_failed: int = 0
    cost: Decimal = Decimal("0")

    @property
    def key(self) -> tuple:
        return tuple(getattr(self, name) for name in KEY_FIELDS)


def site_zone() -> zoneinfo.ZoneInfo:
    # Months are the site's months, whatever language or zone a user's request activated.
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def month_start(moment: datetime.datetime) -> datetime.date:
    local = moment.astimezone(site_zone())
    return datetime.date(local.year, local.month, 1)


def add_months(month: datetime.date, months: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The aware instants where the site's month begins and the next one begins."""
    zone = site_zone()
    start = datetime.datetime(month.year, month.month, 1, tzinfo=zone)
    following = add_months(month, 1)
    end = datetime.datetime(following.year, following.month, 1, tzinfo=zone)
    return start, end


def trend_months(now: datetime.datetime | None = None) -> list[datetime.date]:
    """The TREND_MONTHS months up to and including the current one, oldest first."""
    current = month_start(now or timezone.now())
    return [add_months(current, offset) for offset in range(1 - TREND_MONTHS, 1)]


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


# A slice of documents: these organizations, arrived in [start, end) (end None: up to now).
Period = tuple[list[int], datetime.datetime, datetime.datetime | None]


def _periods_condition(periods: list[Period], prefix: str = "") -> Q:
    condition = Q(pk__in=[])
    for organization_ids, start, end in periods:
        part = Q(**{f"{prefix}organization_id__in": organization_ids})
        part &= Q(**{f"{prefix}created_at__gte": start})
        if end is not None:
            part &= Q(**{f"{prefix}created_at__lt": end})
        condition |= part
    return condition


def figures_counted_live(periods: list[Period]) -> list[Figure]:
    """Count the documents of these periods into figures: two aggregate queries (documents,
    and their deliveries), whatever the number of rows."""
    if not periods:
        return []
    month = TruncMonth("created_at", tzinfo=site_zone())
    figures: dict[tuple, Figure] = {}
    rows = (
        Document.objects.filter(_periods_condition(periods))
        .order_by()
        .annotate(month=month)
        .values(*(name for name in KEY_FIELDS if name != "month"), "month")
        .annotate(count=Count("id"), amount=Sum("amount_total"))
    )
    for row in rows:
        figure = Figure(
            organization_id=row["organization_id"],
            month=_as_date(row["month"]),
            direction=row["direction"],
            type=row["type"],
            channel=row["channel"],
            status=row["status"],
            currency=row["currency"],
            documents=row["count"],
            amount_total=row["amount"] or Decimal("0"),
        )
        figures[figure.key] = figure
    delivery_month = TruncMonth("document__created_at", tzinfo=site_zone())
    delivery_rows = (
        Delivery.objects.filter(_periods_condition(periods, prefix="document__"))
        .order_by()
        .annotate(month=delivery_month)
        .values(
            "document__organization_id",
            "month",
            "document__direction",
            "document__type",
            "channel",
            "document__status",
            "document__currency",
        )
        .annotate(
            count=Count("id"),
            opened=Count("id", filter=Q(status=DeliveryStatus.OPENED)),
            failed=Count("id", filter=Q(status=DeliveryStatus.FAILED)),
            cost_sum=Sum("cost"),
        )
    )
    for row in delivery_rows:
        figure = Figure(
            organization_id=row["document__organization_id"],
            month=_as_date(row["month"]),
            direction=row["document__direction"],
            type=row["document__type"],
            channel=row["channel"],
            status=row["document__status"],
            currency=row["document__currency"],
        )
        figure = figures.setdefault(figure.key, figure)
        figure.deliveries = row["count"]
        figure.deliveries_opened = row["opened"]
        figure.deliveries_failed = row["failed"]
        figure.cost = row["cost_sum"] or Decimal("0")
    return list(figures.values())


def _month_period(organization_ids: Iterable[int], month: datetime.date) -> Period:
    start, end = month_bounds(month)
    return (list(organization_ids), start, end)


@transaction.atomic
def month_roll_up(*, organization: Organization, month: datetime.date, now=None) -> int:
    """Replace the figures of one organization's closed month with a fresh count."""
    now = now or timezone.now()
    if month >= month_start(now):
        raise ValueError("Only closed months are rolled up; the current one is counted live.")
    figures = figures_counted_live([_month_period([organization.pk], month)])
    MonthlyFigure.objects.filter(organization=organization, month=month).delete()
    MonthlyFigure.objects.bulk_create(
        [
            MonthlyFigure(
                organization_id=figure.organization_id,
                month=figure.month,
                direction=figure.direction,
                type=figure.type,
                channel=figure.channel,
                status=figure.status,
                currency=figure.currency,
                documents=figure.documents,
                amount_total=figure.amount_total,
                deliveries=figure.deliveries,
                deliveries_opened=figure.deliveries_opened,
                deliveries_failed=figure.deliveries_failed,
                cost=figure.cost,
            )
            for figure in figures
        ]
    )
    total = sum(figure.documents for figure in figures)
    MonthlyRollup.objects.update_or_create(
        organization=organization,
        month=month,
        defaults={"rolled_up_at": now, "documents": total},
    )
    return total


def months_changed_since_roll_up(*, now=None) -> set[tuple[int, datetime.date]]:
    """Rolled-up (organization, month) pairs with a document event after their roll-up (one
    query, through the events' time index: only recent events are read)."""
    now = now or timezone.now()
    months = trend_months(now)
    window_start, _ = month_bounds(months[0])
    current_start, _ = month_bounds(months[-1])
    marks = {
        (mark.organization_id, mark.month): mark.rolled_up_at
        for mark in MonthlyRollup.objects.filter(month__gte=months[0], month__lt=months[-1])
    }
    if not marks:
        return set()
    changed = (
        DocumentEvent.objects.filter(
            at__gt=min(marks.values()) - EVENT_CLOCK_SLACK,
            document__created_at__gte=window_start,
            document__created_at__lt=current_start,
        )
        .order_by()
        .annotate(month=TruncMonth("document__created_at", tzinfo=site_zone()))
        .values("document__organization_id", "month")
        .annotate(latest=Max("at"))
    )
    stale = set()
    for row in changed:
        key = (row["document__organization_id"], _as_date(row["month"]))
        if key in marks and row["latest"] > marks[key] - EVENT_CLOCK_SLACK:
            stale.add(key)
    return stale


def monthly_figures_rollup(*, now=None) -> dict[str, int]:
    """The sweep: roll up every closed month of the trend window that is not rolled up yet or
    changed since. Idempotent; each month is its own short transaction."""
    now = now or timezone.now()
    months = trend_months(now)[:-1]
    done = set(
        MonthlyRollup.objects.filter(month__in=months).values_list("organization_id", "month")
    )
    stale = months_changed_since_roll_up(now=now)
    organizations = {organization.pk: organization for organization in Organization.objects.all()}
    rolled = refreshed = 0
    for organization_id, organization in organizations.items():
        for month in months:
            key = (organization_id, month)
            if key not in done:
                month_roll_up(organization=organization, month=month, now=now)
                rolled += 1
            elif key in stale:
                month_roll_up(organization=organization, month=month, now=now)
                refreshed += 1
    return {"rolled_up": rolled, "refreshed": refreshed}


def figures_for(
    organization_ids: frozenset[int], *, now=None
) -> tuple[list[datetime.date], list[Figure]]:
    """The figures of these organizations over the trend window: closed months from the summary
    table where rolled up, the rest (always the current month) counted live. Four queries."""
    now = now or timezone.now()
    months = trend_months(now)
    closed = months[:-1]
    rolled = set(
        MonthlyRollup.objects.filter(
            organization_id__in=organization_ids, month__gte=closed[0], month__lte=closed[-1]
        ).values_list("organization_id", "month")
    )
    figures = [
        Figure(**{name: getattr(row, name) for name in Figure.__dataclass_fields__})
        for row in MonthlyFigure.objects.filter(
            organization_id__in=organization_ids, month__gte=closed[0], month__lte=closed[-1]
        )
        if (row.organization_id, row.month) in rolled
    ]
    current_start, _ = month_bounds(months[-1])
    live: list[Period] = [(list(organization_ids), current_start, None)]
    for month in closed:
        missing = [org for org in organization_ids if (org, month) not in rolled]
        if missing:
            live.append(_month_period(missing, month))
    figures.extend(figures_counted_live(live))
    return months, figures
