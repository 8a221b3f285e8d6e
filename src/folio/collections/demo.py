"""Demo seed of collections (issue 7): each demo sender's reminder (dunning) policy.

The portal actions themselves (comments, quote answers, payments, promises, disputes) are not
seeded: their services stamp events with the wall clock, which would make the seed differ from
run to run (tests/core/test_demo_seed.py compares two runs of one seed).
"""

from __future__ import annotations

from decimal import Decimal

from folio.collections.models import DunningPolicy
from folio.core.demo import DemoContext
from folio.tenancy.demo import HANSA, NORDLYS_NO, NORDLYS_SE

# Reminder fees as Norwegian and Swedish law allow them; the German sender charges none.
DUNNING_FEES = {
    NORDLYS_NO: Decimal("35.00"),
    NORDLYS_SE: Decimal("60.00"),
    HANSA: Decimal("0.00"),
}


def seed_demo(context: DemoContext) -> None:
    for slug, fee in DUNNING_FEES.items():
        sender = context.organizations.get(slug)
        if sender is not None:
            DunningPolicy.objects.get_or_create(sender=sender, defaults={"fee": fee})
    context.counts["dunning policies"] = DunningPolicy.objects.count()
