"""Norwegian KID (kundeidentifikasjon) check digits, as the payee's Nets agreement sets them.

MOD10 is Luhn (python-stdnum). MOD11 is Nets' own: weights 2, 3, 4, 5, 6, 7 repeating from
the right; the check digit is 11 minus the remainder, 0 for 11, and "-" for 10 (Nets accepts a
hyphen as the last character of a MOD11 KID).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from stdnum import luhn

MOD10 = "mod10"
MOD11 = "mod11"
MIN_LENGTH = 2
MAX_LENGTH = 25


def mod11_check_digit(body: str) -> str:
    total = sum(int(digit) * (2 + position % 6) for position, digit in enumerate(reversed(body)))
    remainder = 11 - total % 11
    return {11: "0", 10: "-"}.get(remainder, str(remainder))


def kid_check_digit(body: str, algorithm: str) -> str:
    if algorithm == MOD10:
        return luhn.calc_check_digit(body)
    return mod11_check_digit(body)


def kid_build(body: str, *, algorithm: str, length: int) -> str:
    """A KID of exactly `length` characters: `body` zero-padded on the left, then the check."""
    body = body.zfill(length - 1)
    if len(body) != length - 1 or not body.isdigit():
        raise ValueError(f"A KID body of {length - 1} digits is needed, got {body!r}")
    return body + kid_check_digit(body, algorithm)


def kid_problem(kid: str, *, algorithm: str, length: int | None = None) -> str:
    """Why `kid` is not a valid KID under the agreement; "" when it is valid."""
    if not kid:
        return _("The document has no KID.")
    if length is not None and len(kid) != length:
        return _("The KID %(kid)s has %(actual)s digits; the agreement requires %(length)s.") % {
            "kid": kid,
            "actual": len(kid),
            "length": length,
        }
    if not MIN_LENGTH <= len(kid) <= MAX_LENGTH:
        return _("A KID has 2 to 25 digits.")
    body, check = kid[:-1], kid[-1]
    if not body.isdigit() or not (check.isdigit() or (algorithm == MOD11 and check == "-")):
        return _("The KID %(kid)s may contain digits only.") % {"kid": kid}
    if kid_check_digit(body, algorithm) != check:
        return _("The KID %(kid)s fails the %(algorithm)s check digit.") % {
            "kid": kid,
            "algorithm": algorithm.upper(),
        }
    return ""
