"""Who is acting: a signed-in user, an API key, or Folio itself (worker, scheduler, CLI)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from folio.tenancy.models import ApiKey


@dataclass(frozen=True)
class Actor:
    user: AbstractBaseUser | None = None
    api_key: ApiKey | None = None
    system: str = ""
    # Filled lazily by folio.tenancy.selectors; frozen dataclass, so kept in a mutable holder.
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def for_user(cls, user: AbstractBaseUser) -> Actor:
        return cls(user=user)

    @classmethod
    def for_api_key(cls, api_key: ApiKey) -> Actor:
        return cls(api_key=api_key)

    @classmethod
    def for_system(cls, name: str) -> Actor:
        return cls(system=name)

    @property
    def is_system(self) -> bool:
        return bool(self.system)

    @property
    def label(self) -> str:
        if self.user is not None:
            return self.user.get_username()
        if self.api_key is not None:
            return f"API key {self.api_key.prefix}"
        return self.system or "anonymous"

    @property
    def user_or_none(self):
        return self.user if self.user is not None and self.user.is_authenticated else None
