"""Reads behind the sender portal's pages: scope, statistics, document search and pages.

Everything starts from the organizations the acting user may see
(`folio.tenancy.selectors.organization_ids_visible_to`), narrowed to the organization the user
chose to look at. Hot pages never count a whole organization exactly: lists are keyset pages,
counts are bounded, statistics are aggregates over a bounded period.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core import signing
from django.db import connection
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from folio.customers.models import Customer
from folio.documents import statistics as document_statistics
from folio.documents.models import Document, DocumentStatus
from folio.documents.selectors import document_text_condition
from folio.tenancy.actors import Actor
from folio.tenancy.models import AuditEntry, Organization
from folio.tenancy.selectors import organization_ids_visible_to, organization_subtree

# Statistics cover this many calendar months, the current one included.
TREND_MONTHS = 13
# Counts stop here ("more than 1,000") where a page counts at all: an exact count of a big
# tenant is too slow. The documents list does not count (see DocumentPage).
COUNT_BOUND = 1000
PAGE_SIZE = 50
SESSION_SCOPE_KEY = "sender_portal_scope"
CURSOR_SALT = "sender_portal.documents.cursor"

# Sortable columns of the documents list: URL name -> model field. Nothing else is sortable.
SORT_FIELDS = {
    "issued": "issue_date",
    "created": "created_at",
    "total": "amount_total",
    "number": "number",
    "due": "due_date",
}
DEFAULT_SORT = "-created"


# --- scope -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """The organizations a page shows: every visible one, or one chosen subtree of them."""

    organization_ids: frozenset[int]
    chosen: Organization | None
    choices: list[Organization]


def scope_for(actor: Actor, *, chosen_slug: str = "") -> Scope:
    """The actor's scope, narrowed to the organization `chosen_slug` (and what lies below it,
    within what the actor may see) when that is one of the actor's organizations."""
    visible = organization_ids_visible_to(actor)
    choices = list(Organization.objects.filter(id__in=visible).order_by("path"))
    chosen = (
        next((org for org in choices if org.slug == chosen_slug), None) if chosen_slug else None
    )
    if chosen is None:
        return Scope(organization_ids=visible, chosen=None, choices=choices)
    below = set(organization_subtree(chosen).values_list("id", flat=True))
    return Scope(organization_ids=frozenset(below & visible), chosen=chosen, choices=choices)


def documents_in_scope(scope: Scope) -> QuerySet[Document]:
    return Document.objects.filter(organization_id__in=scope.organization_ids)


# --- dashboard -------------------------------------------------------------------------------


def trend_start(today: datetime.date | None = None) -> datetime.date:
    """The first day of the month TREND_MONTHS - 1 months before this one."""
    today = today or timezone.localdate()
    month_index = today.year * 12 + today.month - 1 - (TREND_MONTHS - 1)
    return datetime.date(month_index // 12, month_index % 12 + 1, 1)


def trend_months(today: datetime.date | None = None) -> list[datetime.date]:
    start = trend_start(today)
    months = []
    for offset in range(TREND_MONTHS):
        index = start.year * 12 + start.month - 1 + offset
        months.append(datetime.date(index // 12, index % 12 + 1, 1))
    return months


@dataclass
class DashboardFigures:
    months: list[datetime.date]
    # month -> {"sent": n, "received": n}
    by_month: dict[datetime.date, dict[str, int]]
    by_status: dict[str, int]
    by_type: dict[str, int]
    # delivery channel -> {"count": deliveries, "cost": Decimal, "opened": n, "failed": n}
    by_channel: dict[str, dict] = field(default_factory=dict)
    # Delivery costs are kept in the routing policy's currency, NOK unless a sender changed it;
    # the summary does not convert between currencies.
    cost_currency: str = "NOK"
    # currency -> total of the documents sent
    amount_sent: dict[str, Decimal] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def dashboard_figures(scope: Scope, *, now: datetime.datetime | None = None) -> DashboardFigures:
    """The scope's figures for the last TREND_MONTHS months by month of arrival: from the
    monthly summary table up to this hour, this hour's documents counted live
    (`folio.documents.statistics`). A fixed number of queries whatever the data size."""
    months, totals = document_statistics.totals_for(scope.organization_ids, now=now)
    by_month: dict[datetime.date, dict[str, int]] = {
        month: {"sent": 0, "received": 0} for month in months
    }
    for (month, direction), documents in totals.by_month.items():
        if month in by_month:
            by_month[month][direction] = by_month[month].get(direction, 0) + documents
    return DashboardFigures(
        months=months,
        by_month=by_month,
        by_status=totals.by_status,
        by_type=totals.by_type,
        by_channel=dict(sorted(totals.by_channel.items(), key=lambda item: -item[1]["count"])),
        amount_sent=dict(sorted(totals.amount_sent.items(), key=lambda item: -item[1])),
    )


# --- documents list --------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentQuery:
    """The cleaned search and filters of the documents list (see forms.DocumentSearchForm)."""

    text: str = ""
    type: str = ""
    direction: str = ""
    status: str = ""
    channel: str = ""
    issued_from: datetime.date | None = None
    issued_to: datetime.date | None = None
    organization: Organization | None = None
    sort: str = DEFAULT_SORT


# A name search matching more customers than this is left to the documents' own text index.
CUSTOMER_MATCH_LIMIT = 100


def _text_condition(scope: Scope, text: str) -> Q:
    """What a search box entry matches, each path indexed so a search stays fast on a million
    documents: the document number and the KID exactly, the customer by number (exactly) or
    name (words, on the much smaller customers table, resolved to ids first so that the
    documents query can combine its indexes), an amount typed with its decimals ("1234,50"),
    and the free text of number, counterparty name, references, KID and note
    (`document_text_condition`: full-text on PostgreSQL)."""
    customer_ids = list(
        Customer.objects.filter(sender_id__in=scope.organization_ids)
        .filter(Q(customer_number=text) | Q(name__icontains=text))
        .order_by()
        .values_list("id", flat=True)[:CUSTOMER_MATCH_LIMIT]
    )
    condition = Q(number=text) | Q(payment_reference=text) | document_text_condition(text)
    if customer_ids:
        condition |= Q(customer_id__in=customer_ids)
    compact = text.replace(" ", "").replace("\u00a0", "")
    if "," in compact or "." in compact:
        try:
            amount = Decimal(compact.replace(",", "."))
        except InvalidOperation:
            amount = None
        if amount is not None and amount.is_finite() and abs(amount) < Decimal("1e15"):
            condition |= Q(amount_total=amount)
    return condition


def organization_ids_matching(scope: Scope, query: DocumentQuery) -> list[int]:
    """The organizations whose documents the list shows: the scope, or the chosen one and what
    lies below it within the scope."""
    if query.organization is None:
        return sorted(scope.organization_ids)
    below = set(organization_subtree(query.organization).values_list("id", flat=True))
    return sorted(below & scope.organization_ids)


def documents_matching(
    scope: Scope, query: DocumentQuery, *, organization_ids: list[int] | None = None
) -> QuerySet[Document]:
    """The scope's documents that match the search and filters, in the chosen order."""
    if organization_ids is None:
        organization_ids = organization_ids_matching(scope, query)
    documents = Document.objects.filter(organization_id__in=organization_ids)
    if query.text:
        documents = documents.filter(_text_condition(scope, query.text))
    for name in ("type", "direction", "status", "channel"):
        value = getattr(query, name)
        if value:
            documents = documents.filter(**{name: value})
    if query.issued_from:
        documents = documents.filter(issue_date__gte=query.issued_from)
    if query.issued_to:
        documents = documents.filter(issue_date__lte=query.issued_to)
    descending = query.sort.startswith("-")
    column = SORT_FIELDS[query.sort.lstrip("-")]
    prefix = "-" if descending else ""
    return documents.order_by(f"{prefix}{column}", f"{prefix}id")


def _cursor_value(document: Document, column: str):
    value = getattr(document, column)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def cursor_for(document: Document, sort: str, *, position: int = 0) -> str:
    """A signed cursor: the sort, the last row's sort value and id, and how many rows came
    before the next page (shown as "51-100")."""
    column = SORT_FIELDS[sort.lstrip("-")]
    return signing.dumps(
        [sort, _cursor_value(document, column), document.pk, position], salt=CURSOR_SALT
    )


def _parse_cursor_value(column: str, raw):
    if raw is None:
        return None
    if column == "created_at":
        return datetime.datetime.fromisoformat(raw)
    if column in {"issue_date", "due_date"}:
        return datetime.date.fromisoformat(raw)
    if column == "amount_total":
        return Decimal(raw)
    return str(raw)


@dataclass
class DocumentPage:
    documents: list[Document]
    next_cursor: str
    is_first: bool
    # Rows before this page: the page shows rows position + 1 .. position + len(documents).
    position: int = 0
    # More rows follow. The list never counts them all: "1-50 of many".
    has_more: bool = False

    @property
    def first_number(self) -> int:
        return self.position + 1 if self.documents else 0

    @property
    def last_number(self) -> int:
        return self.position + len(self.documents)


# A search with up to this many matches is sorted from its matches (see _search_page_ids).
SEARCH_SORT_LIMIT = 2000


def _search_page_ids(
    documents: QuerySet[Document], column: str, descending: bool
) -> list[int] | None:
    """The ids of the first PAGE_SIZE + 1 matches of a search, or None when it matches more
    than SEARCH_SORT_LIMIT documents.

    Why: a search matches a few documents or very many. Walking an index in sort order and
    testing each row against the text finds many matches at once, but takes seconds to find
    that there are only a few. So first collect up to SEARCH_SORT_LIMIT matches without any
    order (PostgreSQL combines the text, number, KID and customer indexes into one bitmap and
    stops early), and sort those here; only a broad search walks in order."""
    matches = list(documents.order_by().values_list("id", column)[: SEARCH_SORT_LIMIT + 1])
    if len(matches) > SEARCH_SORT_LIMIT:
        return None
    # As the database orders: PostgreSQL puts NULL after every value, SQLite before.
    null_rank = 1 if connection.vendor == "postgresql" else -1

    def key(match):
        pk, value = match
        return (0, value, pk) if value is not None else (null_rank, 0, pk)

    matches.sort(key=key, reverse=descending)
    return [pk for pk, _value in matches[: PAGE_SIZE + 1]]


# Up to this many organizations in view, a page is the best PAGE_SIZE + 1 of each
# organization's own first rows (see _first_ids_per_organization).
PER_ORGANIZATION_PAGES = 30


def _first_ids_per_organization(
    documents: QuerySet[Document], organization_ids: list[int], order: list[str]
) -> list[int]:
    """The ids of the first PAGE_SIZE + 1 documents in `order`, taken as the best of each
    organization's first PAGE_SIZE + 1 (UNION ALL of one ordered, limited scan per
    organization, then one ORDER BY ... LIMIT over those few rows).

    Why: every index of the documents begins with the organization, so for an enterprise with
    subsidiaries `organization_id IN (...) ORDER BY issue_date` cannot walk an index in order
    and would sort all of the enterprise's matching documents; per organization it walks
    (organization, ..., issue_date) and stops after PAGE_SIZE + 1 rows."""
    column = order[0].lstrip("-")
    parts = [
        documents.filter(organization_id=organization_id)
        .order_by(*order)
        .values_list("id", column)[: PAGE_SIZE + 1]
        for organization_id in organization_ids
    ]
    combined = parts[0].union(*parts[1:], all=True).order_by(*order)[: PAGE_SIZE + 1]
    return [row[0] for row in combined]


def document_page(
    documents: QuerySet[Document],
    *,
    sort: str,
    cursor: str = "",
    organization_ids: list[int] | None = None,
    searching: bool = False,
) -> DocumentPage:
    """One keyset page after `cursor`: the cost is the same on page 1 and page 10,000, and
    nothing counts the whole result (PAGE_SIZE + 1 rows, in one or two queries).

    A cursor that does not verify, or was made for another order, starts at the first page.
    """
    column = SORT_FIELDS[sort.lstrip("-")]
    descending = sort.startswith("-")
    after = None
    position = 0
    if cursor:
        try:
            cursor_sort, raw_value, pk, position = signing.loads(cursor, salt=CURSOR_SALT)
            if cursor_sort == sort:
                after = (_parse_cursor_value(column, raw_value), int(pk))
                position = max(0, int(position))
        except (signing.BadSignature, ValueError, TypeError):
            after = None
        if after is None:
            position = 0
    if after is not None:
        value, pk = after
        if value is None:
            # NULL sorts last ascending and first descending on both engines' defaults here;
            # a due date may be empty, so page within the NULLs by id.
            documents = documents.filter(**{f"{column}__isnull": True}).filter(
                Q(id__lt=pk) if descending else Q(id__gt=pk)
            )
        elif descending:
            documents = documents.filter(
                Q(**{f"{column}__lt": value}) | Q(**{column: value, "id__lt": pk})
            )
        else:
            documents = documents.filter(
                Q(**{f"{column}__gt": value}) | Q(**{column: value, "id__gt": pk})
            )
    order = [f"{'-' if descending else ''}{column}", f"{'-' if descending else ''}id"]
    narrowed = _search_page_ids(documents, column, descending) if searching else None
    if narrowed is not None:
        documents = Document.objects.filter(id__in=narrowed).order_by(*order)
    elif (
        organization_ids is not None
        and 1 < len(organization_ids) <= PER_ORGANIZATION_PAGES
        and connection.features.supports_slicing_ordering_in_compound
    ):
        documents = Document.objects.filter(
            id__in=_first_ids_per_organization(documents, organization_ids, order)
        ).order_by(*order)
    rows = list(
        documents.select_related("organization", "customer").only(
            "code",
            "number",
            "type",
            "direction",
            "status",
            "channel",
            "issue_date",
            "due_date",
            "created_at",
            "currency",
            "amount_total",
            "counterparty_name",
            "payment_reference",
            "organization__name",
            "organization__slug",
            "customer__name",
            "customer__customer_number",
            "customer__code",
        )[: PAGE_SIZE + 1]
    )
    has_more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return DocumentPage(
        documents=rows,
        next_cursor=cursor_for(rows[-1], sort, position=position + len(rows))
        if has_more and rows
        else "",
        is_first=after is None,
        position=position,
        has_more=has_more,
    )


def bounded_count(queryset: QuerySet, bound: int = COUNT_BOUND) -> tuple[int, bool]:
    """How many rows, counting no further than `bound`: (count, True when there are more)."""
    found = queryset.order_by().values("pk")[: bound + 1].count()
    return min(found, bound), found > bound


# --- stopped documents ------------------------------------------------------------------------


def stopped_documents(scope: Scope) -> QuerySet[Document]:
    return (
        documents_in_scope(scope)
        .filter(status=DocumentStatus.STOPPED)
        .select_related("organization", "customer")
        .order_by("-status_changed_at", "-id")
    )


def customers_with_stopped_documents(scope: Scope, *, limit: int = 50) -> list[dict]:
    """Customers with stopped documents, most stopped first (bounded to `limit` rows)."""
    return list(
        documents_in_scope(scope)
        .filter(status=DocumentStatus.STOPPED, customer__isnull=False)
        .order_by()
        .values("customer__code", "customer__name", "customer__customer_number", "customer__email")
        .annotate(stopped=Count("id"))
        .order_by("-stopped", "customer__name")[:limit]
    )


# --- trading partners --------------------------------------------------------------------------


def partners_in_scope(scope: Scope) -> QuerySet[Customer]:
    return Customer.objects.filter(sender_id__in=scope.organization_ids).select_related("sender")


def partner_get(scope: Scope, *, code) -> Customer | None:
    try:
        return partners_in_scope(scope).filter(code=code).first()
    except (ValueError, TypeError):
        return None


def partner_counts(
    scope: Scope, customers: list[Customer], *, since: datetime.date
) -> dict[int, dict[str, int]]:
    """Documents sent to and received from each of these customers since a date: one query."""
    counts: dict[int, dict[str, int]] = {
        customer.pk: {"sent": 0, "received": 0} for customer in customers
    }
    rows = (
        documents_in_scope(scope)
        .filter(customer__in=[customer.pk for customer in customers], issue_date__gte=since)
        .order_by()
        .values("customer_id", "direction")
        .annotate(n=Count("id"))
    )
    for row in rows:
        counts[row["customer_id"]][row["direction"]] = row["n"]
    return counts


def partner_monthly(scope: Scope, customer: Customer, *, today=None) -> list[dict]:
    start = trend_start(today)
    rows = (
        documents_in_scope(scope)
        .filter(customer=customer, issue_date__gte=start)
        .order_by()
        .annotate(month=TruncMonth("issue_date"))
        .values("month", "direction")
        .annotate(n=Count("id"), total=Sum("amount_total"))
    )
    table = {month: {"month": month, "sent": 0, "received": 0} for month in trend_months(today)}
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        if month in table:
            table[month][row["direction"]] = row["n"]
    return list(table.values())


# --- audit ------------------------------------------------------------------------------------


def audit_entries(scope: Scope, *, text: str = "") -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.filter(organization_id__in=scope.organization_ids)
    if text:
        entries = entries.filter(
            Q(action__icontains=text)
            | Q(object_code=text)
            | Q(user__username__icontains=text)
            | Q(object_type__iexact=text)
        )
    return entries.select_related("organization", "user").order_by("-at", "-id")
