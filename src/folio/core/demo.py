"""The demo seed: realistic, deterministic data for `folio demo` and `folio seed_demo`.

Each app that has demo data ships a `demo.py` module with `seed_demo(context)`; they run in
INSTALLED_APPS order (tenancy before customers before delivery...), sharing one
`DemoContext`. Later apps extend the seed by adding their own module. A module may also define
`DEMO_LOGINS`, the users it creates, which `folio demo` prints.

Content is a function of the random seed and the sizes; dates are laid out backwards from the
day of seeding, so that the data always looks current. Customers' portal actions (comments,
payments, promises, disputes...) go through the real services under `DemoContext.clock_at`, so
that each happens at its own moment in the past and two runs of one seed give the same rows.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import random
import time
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

DEMO_PASSWORD = "folio-demo"  # noqa: S105 - the documented password of demo users only
DEFAULT_SEED = 2026
DEFAULT_CUSTOMERS = 320
DEFAULT_DOCUMENTS = 3200
# The demo operator's slug: present means "already seeded".
OPERATOR_SLUG = "folio-operations"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    path: str


@dataclass
class DemoContext:
    seed: int
    customers: int
    documents: int
    now: datetime.datetime
    rng: random.Random
    # Filled by the app modules as they run: slug -> Organization, username -> User, ...
    organizations: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    customers_by_sender: dict = field(default_factory=dict)
    suppliers_by_sender: dict = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    password_hash: str = ""
    # Documents the portal seed issued to the demo portal users, by role in their story, and
    # the ids of documents some portal story used already (so that no other story picks them).
    portal_documents: dict = field(default_factory=dict)
    portal_taken: set[int] = field(default_factory=set)

    @property
    def today(self) -> datetime.date:
        return timezone.localdate(self.now)

    def demo_user_create(self, *, username: str, email: str, full_name: str):
        """A user with the demo password. One hash serves every demo user: hashing is slow on
        purpose, and this password is published anyway."""
        from folio.tenancy.services import user_create

        if not self.password_hash:
            self.password_hash = make_password(DEMO_PASSWORD)
        user = user_create(username=username, email=email, password=None, full_name=full_name)
        user.password = self.password_hash
        user.save(update_fields=["password"])
        self.users[username] = user
        return user

    def moment(self, days_ago: int, hour: int, minute: int = 0) -> datetime.datetime:
        """A local time of day `days_ago` days before the seed's today (never after its now)."""
        day = self.today - datetime.timedelta(days=days_ago)
        local = datetime.datetime.combine(day, datetime.time(hour, minute))
        return min(timezone.make_aware(local), self.now)

    @contextlib.contextmanager
    def clock_at(self, moment: datetime.datetime):
        """Let the services believe it is `moment` while the seed replays one past action.

        Services stamp `timezone.now()` on what they write (event times, created_at, closed_at,
        "today" in their checks). With the real clock, seeded history would all happen at the
        moment of seeding and differ between two runs of one seed. The swap is process-wide, so
        only the seed uses it: it runs in one thread, before `folio demo` starts any server.
        """
        if moment > self.now:
            raise ValueError(f"The demo clock cannot go past the seed's now ({self.now}).")
        real_now = timezone.now
        timezone.now = lambda: moment
        try:
            yield moment
        finally:
            timezone.now = real_now

    def rng_for(self, name: str) -> random.Random:
        """An independent stream per part, so that changing one part leaves the others alone."""
        return random.Random(f"{self.seed}:{name}")


@contextlib.contextmanager
def _past_mail_not_sent():
    """The replayed actions notify people on commit (a comment to the sender, a broken promise
    to the customer); that mail belongs to the past and is not sent again today."""
    real_backend = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    try:
        yield
    finally:
        settings.EMAIL_BACKEND = real_backend


def demo_modules() -> list:
    modules = []
    for app_config in apps.get_app_configs():
        name = f"{app_config.name}.demo"
        if app_config.name.startswith("folio.") and find_spec(name) is not None:
            module = import_module(name)
            if hasattr(module, "seed_demo") or hasattr(module, "DEMO_LOGINS"):
                modules.append(module)
    return modules


def demo_logins() -> list[DemoLogin]:
    return [login for module in demo_modules() for login in getattr(module, "DEMO_LOGINS", [])]


def demo_is_seeded() -> bool:
    from folio.tenancy.models import Organization

    return Organization.objects.filter(slug=OPERATOR_SLUG).exists()


def demo_seed(
    *,
    seed: int = DEFAULT_SEED,
    customers: int = DEFAULT_CUSTOMERS,
    documents: int = DEFAULT_DOCUMENTS,
    now: datetime.datetime | None = None,
) -> DemoContext | None:
    """Seed the demo data in one transaction; None when the database was seeded already."""
    if customers < 20 or documents < 40:
        raise ValueError("The demo needs at least 20 customers and 40 documents.")
    if demo_is_seeded():
        return None
    context = DemoContext(
        seed=seed,
        customers=customers,
        documents=documents,
        now=(now or timezone.now()).replace(microsecond=0),
        rng=random.Random(seed),
    )
    with _past_mail_not_sent(), transaction.atomic():
        for module in demo_modules():
            if hasattr(module, "seed_demo"):
                started = time.monotonic()
                module.seed_demo(context)
                logger.info("Seeded %s in %.1f s", module.__name__, time.monotonic() - started)
    return context
