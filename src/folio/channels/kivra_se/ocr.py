"""Swedish OCR references (Bankgirot "OCR-nummer"): Luhn check digit, optionally a length digit.

With the length digit ("hård kontroll med längdsiffra"), the second-last digit is the length
of the whole reference modulo 10; the last digit is the Luhn (MOD10) check over all before it.
"""

from __future__ import annotations

from stdnum import luhn

MAX_LENGTH = 25


def se_ocr_build(base: str, *, length_digit: bool = True) -> str:
    digits = "".join(ch for ch in base if ch.isdigit())
    if not digits:
        raise ValueError("An OCR reference needs digits.")
    if length_digit:
        digits += str((len(digits) + 2) % 10)
    reference = digits + luhn.calc_check_digit(digits)
    if len(reference) > MAX_LENGTH:
        raise ValueError("An OCR reference has at most 25 digits.")
    return reference


def se_ocr_valid(reference: str, *, length_digit: bool = False) -> bool:
    if not reference.isdigit() or not 2 <= len(reference) <= MAX_LENGTH:
        return False
    if not luhn.is_valid(reference):
        return False
    return not length_digit or int(reference[-2]) == len(reference) % 10
