"""Numbers, money and dates as the recipient's language writes them (babel, CLDR)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, get_currency_symbol

# The six document languages and the CLDR locale whose conventions each one follows.
LANGUAGE_LOCALES = {
    "en": "en_GB",
    "nb": "nb_NO",
    "sv": "sv_SE",
    "da": "da_DK",
    "de": "de_DE",
    "sk": "sk_SK",
}
DEFAULT_LANGUAGE = "en"

# The usual language of a buyer in each country, when the document does not say.
COUNTRY_LANGUAGES = {
    "NO": "nb",
    "SE": "sv",
    "DK": "da",
    "DE": "de",
    "AT": "de",
    "CH": "de",
    "LI": "de",
    "SK": "sk",
}


def language_for(value: str | None) -> str:
    """Map "nb-NO", "no", "nn", "de_AT"... to one of the six document languages."""
    if not value:
        return DEFAULT_LANGUAGE
    code = value.replace("_", "-").split("-")[0].lower()
    if code in {"no", "nn"}:
        code = "nb"
    return code if code in LANGUAGE_LOCALES else DEFAULT_LANGUAGE


def language_for_country(country_code: str | None) -> str:
    return COUNTRY_LANGUAGES.get((country_code or "").upper(), DEFAULT_LANGUAGE)


class Formatter:
    """Formats values for one language; cheap to build, keeps its babel Locale."""

    def __init__(self, language: str):
        self.language = language_for(language)
        self.locale = Locale.parse(LANGUAGE_LOCALES[self.language])

    def amount(self, value: Decimal | None, *, decimals: int = 2) -> str:
        if value is None:
            return ""
        pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
        return format_decimal(value, format=pattern, locale=self.locale, decimal_quantization=True)

    def quantity(self, value: Decimal | None) -> str:
        """Quantities keep the decimals they carry (at most four), without trailing zeros."""
        if value is None:
            return ""
        normalized = value.quantize(Decimal("0.0001")).normalize()
        places = max(0, -normalized.as_tuple().exponent)
        pattern = "#,##0" + ("." + "0" * places if places else "")
        return format_decimal(normalized, format=pattern, locale=self.locale)

    def price(self, value: Decimal | None) -> str:
        """Unit prices show two decimals, or up to four when the price has them."""
        if value is None:
            return ""
        normalized = value.normalize()
        places = min(4, max(2, -normalized.as_tuple().exponent))
        return self.amount(value, decimals=places)

    def percent(self, value: Decimal | None) -> str:
        if value is None:
            return ""
        return self.quantity(value) + "\u00a0%"

    def date(self, value: datetime.date | None) -> str:
        if value is None:
            return ""
        return format_date(value, format="medium", locale=self.locale)

    def currency_symbol(self, currency: str) -> str:
        return get_currency_symbol(currency, locale=self.locale)

    def money(self, value: Decimal | None, currency: str) -> str:
        """An amount with its ISO currency code, which reads the same in every language."""
        if value is None:
            return ""
        return f"{currency}\u00a0{self.amount(value)}"
