"""Monthly figures of documents: a small summary table, rolled up off the request path.

Why a sweep and not counters in the services: the ingest path is the hot path (thousands of
documents a minute) and several services change a document's status, channel or deliveries;
a counter row per (organization, month, ...) updated in each of those transactions would be
one more hot row that every concurrent ingest of an organization locks. Instead:

- figures are kept per calendar month of a document's *arrival* (`created_at`, in the site's
  time zone): a new document always lands in the current month, so arrivals never reopen a
  closed month;
- the scheduler's sweep rolls the current month up to the start of the hour, and only the
  documents that arrived since are counted live (an hour of one organization's documents, read
  through the (organization, created_at) index);
- the scheduler's sweep rolls up each closed month once, and rolls it up again when any of its
  documents or their deliveries was written since (a late receipt, a resend, a cancellation:
  every service that changes them sets `updated_at`);
- a closed month that is not rolled up yet (a fresh install, the first minutes of a month) is
  counted live as well, so the dashboard is right before the first sweep.

The dashboard therefore equals a live count, except for changes to documents of a rolled-up
stretch in the minutes between their event and the next sweep.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from folio.delivery.models import Delivery, DeliveryStatus
from folio.documents.models import (
    Direction,
    Document,
    MonthlyFigure,
    MonthlyRollup,
)
from folio.tenancy.models import Organization

# Statistics cover this many calendar months, the current one included.
TREND_MONTHS = 13
# A write's updated_at is taken inside its transaction, which may commit a little later (after
# a roll-up that could not see it yet): look back this much further than the last roll-up.
WRITE_CLOCK_SLACK = datetime.timedelta(minutes=5)

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
        if prefix:
            # Said of the deliveries: each is made after its document, so this holds for every
            # delivery of the period's documents, and lets the planner read only the recent
            # deliveries (their created_at index) instead of all of them.
            part &= Q(created_at__gte=start)
        condition |= part
    return condition


def figures_counted_live(periods: list[Period]) -> list[Figure]:
    """Count the documents of these periods into figures: two aggregate queries (documents,
    and their deliveries), whatever the number of rows."""
    if not periods:
        return []
    month = TruncMonth("created_at", tzinfo=site_zone())
    figures: dict[tuple, Figure] = {}
    # values_list and plain tuples: this runs on every dashboard view, for up to a few
    # thousand groups.
    rows = (
        Document.objects.filter(_periods_condition(periods))
        .order_by()
        .annotate(month=month)
        .values("organization_id", "month", "direction", "type", "channel", "status", "currency")
        .annotate(count=Count("id"), amount=Sum("amount_total"))
        .values_list(
            "organization_id",
            "month",
            "direction",
            "type",
            "channel",
            "status",
            "currency",
            "count",
            "amount",
        )
    )
    for (
        organization_id,
        month_start_,
        direction,
        type_,
        channel,
        status,
        currency,
        n,
        amount,
    ) in rows:
        key = (organization_id, _as_date(month_start_), direction, type_, channel, status, currency)
        figures[key] = Figure(*key, documents=n, amount_total=amount or Decimal("0"))
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
        .values_list(
            "document__organization_id",
            "month",
            "document__direction",
            "document__type",
            "channel",
            "document__status",
            "document__currency",
            "count",
            "opened",
            "failed",
            "cost_sum",
        )
    )
    for row in delivery_rows:
        key = (row[0], _as_date(row[1]), *row[2:7])
        figure = figures.get(key)
        if figure is None:
            figure = figures[key] = Figure(*key)
        figure.deliveries, figure.deliveries_opened, figure.deliveries_failed = row[7:10]
        figure.cost = row[10] or Decimal("0")
    return list(figures.values())


def hour_start(moment: datetime.datetime) -> datetime.datetime:
    """The start of the hour of `moment`: where the current month's roll-up stops."""
    return moment.replace(minute=0, second=0, microsecond=0)


def rolled_up_until(month: datetime.date, now: datetime.datetime) -> datetime.datetime:
    """How far a roll-up made `now` covers `month`: to its end when the month is closed, to
    the start of this hour when it is the current month (so the live count is at most an
    hour of documents)."""
    _, end = month_bounds(month)
    return min(end, hour_start(now))


@transaction.atomic
def month_roll_up(*, organization: Organization, month: datetime.date, now=None) -> int:
    """Replace the figures of one organization's month with a fresh count of the documents that
    arrived in it up to `rolled_up_until` (the whole month once it is closed)."""
    now = now or timezone.now()
    start, _ = month_bounds(month)
    until = rolled_up_until(month, now)
    figures = figures_counted_live([([organization.pk], start, until)]) if until > start else []
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
        defaults={"rolled_up_at": now, "covers_until": until, "documents": total},
    )
    return total


def months_changed_since_roll_up(*, now=None) -> set[tuple[int, datetime.date]]:
    """Rolled-up (organization, month) pairs with a document or delivery written after their
    roll-up (`updated_at`: every service that changes one sets it; the time of the write, not
    of what it reports, so a late receipt about yesterday still counts as new). Two queries
    over the trend window; they read the tables, not the ingest path's indexes."""
    now = now or timezone.now()
    months = trend_months(now)
    window_start, _ = month_bounds(months[0])
    marks = {
        (mark.organization_id, mark.month): mark.rolled_up_at
        for mark in MonthlyRollup.objects.filter(month__gte=months[0])
    }
    if not marks:
        return set()
    since = min(marks.values()) - WRITE_CLOCK_SLACK
    latest: dict[tuple[int, datetime.date], datetime.datetime] = {}
    changed_documents = (
        Document.objects.filter(
            updated_at__gt=since, created_at__gte=window_start, created_at__lt=hour_start(now)
        )
        .order_by()
        .annotate(month=TruncMonth("created_at", tzinfo=site_zone()))
        .values("organization_id", "month")
        .annotate(latest=Max("updated_at"))
        .values_list("organization_id", "month", "latest")
    )
    changed_deliveries = (
        Delivery.objects.filter(
            updated_at__gt=since,
            document__created_at__gte=window_start,
            document__created_at__lt=hour_start(now),
        )
        .order_by()
        .annotate(month=TruncMonth("document__created_at", tzinfo=site_zone()))
        .values("document__organization_id", "month")
        .annotate(latest=Max("updated_at"))
        .values_list("document__organization_id", "month", "latest")
    )
    for organization_id, month, written in [*changed_documents, *changed_deliveries]:
        key = (organization_id, _as_date(month))
        latest[key] = max(written, latest.get(key, written))
    return {
        key
        for key, written in latest.items()
        if key in marks and written > marks[key] - WRITE_CLOCK_SLACK
    }


def monthly_figures_rollup(*, now=None) -> dict[str, int]:
    """The sweep: roll up every month of the trend window that is not rolled up as far as it
    can be (a closed month to its end, the current one to this hour) or that changed
    since. Idempotent; each month is its own short transaction."""
    now = now or timezone.now()
    months = trend_months(now)
    covered = {
        (mark.organization_id, mark.month): mark.covers_until
        for mark in MonthlyRollup.objects.filter(month__in=months)
    }
    stale = months_changed_since_roll_up(now=now)
    rolled = refreshed = 0
    for organization in Organization.objects.order_by("pk"):
        for month in months:
            key = (organization.pk, month)
            if covered.get(key) is None or covered[key] < rolled_up_until(month, now):
                month_roll_up(organization=organization, month=month, now=now)
                rolled += 1
            elif key in stale:
                month_roll_up(organization=organization, month=month, now=now)
                refreshed += 1
    return {"rolled_up": rolled, "refreshed": refreshed}


@dataclass
class Totals:
    """The figures a dashboard shows, summed over the organizations in view."""

    # (month, direction) -> documents
    by_month: dict[tuple[datetime.date, str], int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, int] = field(default_factory=dict)
    # delivery channel -> {"count": deliveries, "opened": n, "failed": n, "cost": Decimal}
    by_channel: dict[str, dict] = field(default_factory=dict)
    # currency -> total amount of the documents sent
    amount_sent: dict[str, Decimal] = field(default_factory=dict)

    def add_month(self, month: datetime.date, direction: str, documents: int) -> None:
        key = (month, direction)
        self.by_month[key] = self.by_month.get(key, 0) + documents

    def add_status_and_type(self, status: str, type_: str, documents: int) -> None:
        self.by_status[status] = self.by_status.get(status, 0) + documents
        self.by_type[type_] = self.by_type.get(type_, 0) + documents

    def add_channel(self, channel: str, count: int, opened: int, failed: int, cost) -> None:
        if not count:
            return
        entry = self.by_channel.setdefault(
            channel, {"count": 0, "opened": 0, "failed": 0, "cost": Decimal("0")}
        )
        entry["count"] += count
        entry["opened"] += opened
        entry["failed"] += failed
        entry["cost"] += cost or Decimal("0")

    def add_amount(self, currency: str, amount) -> None:
        self.amount_sent[currency] = self.amount_sent.get(currency, Decimal("0")) + (
            amount or Decimal("0")
        )

    def add_figure(self, figure: Figure) -> None:
        if figure.documents:
            self.add_month(figure.month, figure.direction, figure.documents)
            self.add_status_and_type(figure.status, figure.type, figure.documents)
            if figure.direction == Direction.SENT:
                self.add_amount(figure.currency, figure.amount_total)
        self.add_channel(
            figure.channel,
            figure.deliveries,
            figure.deliveries_opened,
            figure.deliveries_failed,
            figure.cost,
        )


def totals_for(organization_ids: frozenset[int], *, now=None) -> tuple[list[datetime.date], Totals]:
    """The figures of these organizations over the trend window: the summary table as far as
    it is rolled up (summed by the database, one small query per breakdown), the rest counted
    live (this hour's documents, and any month a sweep has not reached yet). Seven queries,
    whatever the number of documents."""
    now = now or timezone.now()
    months = trend_months(now)
    covered = {
        (organization_id, month): until
        for organization_id, month, until in MonthlyRollup.objects.filter(
            organization_id__in=organization_ids, month__gte=months[0]
        ).values_list("organization_id", "month", "covers_until")
        if until is not None
    }
    # Read from the summary: per month, the organizations rolled up; counted live: the rest of
    # each month from where its roll-up stops (grouped by that instant: a bounded OR).
    summarized: dict[datetime.date, list[int]] = {}
    live_from: dict[tuple[datetime.datetime, datetime.datetime], list[int]] = {}
    for month in months:
        start, end = month_bounds(month)
        for organization_id in sorted(organization_ids):
            until = covered.get((organization_id, month))
            if until is not None:
                summarized.setdefault(month, []).append(organization_id)
            if until is None or until < end:
                live_from.setdefault((until or start, end), []).append(organization_id)
    totals = Totals()
    # Usually every month is rolled up for every organization: one range, not an OR per month.
    months_by_organizations: dict[tuple[int, ...], list[datetime.date]] = {}
    for month, organizations in summarized.items():
        months_by_organizations.setdefault(tuple(organizations), []).append(month)
    condition = Q(pk__in=[])
    for organizations, rolled_months in months_by_organizations.items():
        condition |= Q(month__in=rolled_months, organization_id__in=organizations)
    summary = MonthlyFigure.objects.filter(condition).order_by()
    for month, direction, n in (
        summary.values("month", "direction")
        .annotate(n=Sum("documents"))
        .values_list("month", "direction", "n")
    ):
        totals.add_month(month, direction, n)
    for status, type_, n in (
        summary.values("status", "type")
        .annotate(n=Sum("documents"))
        .values_list("status", "type", "n")
    ):
        totals.add_status_and_type(status, type_, n)
    for row in (
        summary.filter(deliveries__gt=0)
        .values("channel")
        .annotate(
            count=Sum("deliveries"),
            opened=Sum("deliveries_opened"),
            failed=Sum("deliveries_failed"),
            cost_sum=Sum("cost"),
        )
        .values_list("channel", "count", "opened", "failed", "cost_sum")
    ):
        totals.add_channel(*row)
    for currency, amount in (
        summary.filter(direction=Direction.SENT)
        .values("currency")
        .annotate(amount=Sum("amount_total"))
        .values_list("currency", "amount")
    ):
        totals.add_amount(currency, amount)
    live: list[Period] = [
        (organizations, start, None if end > now else end)
        for (start, end), organizations in live_from.items()
    ]
    for figure in figures_counted_live(live):
        totals.add_figure(figure)
    return months, totals
