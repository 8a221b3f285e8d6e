"""Plain-language explanations of the validation rules that senders hit most often.

The official messages are exact but terse ("[BR-CO-15]-Invoice total amount with VAT (BT-112)
= ..."); a sender fixing a stopped invoice needs to know what to change. These texts say it in
the sender's language (en, nb, sv, da, de, sk) through gettext, so translations live in
`folio/locale/<language>/LC_MESSAGES/django.po`.

Which rules: the 40 that fired most often (fatal, official engine, both stylesheets) over 3,000
single mutations (an element removed, emptied, or given another code, amount, date or
identifier) of ten valid corpus invoices plus the corpus examples, and BR-CO-13, BR-CO-16 and
BR-S-09, which accounting systems commonly trip over when they round.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

EXPLANATIONS = {
    "PEPPOL-EN16931-R008": _(
        "An element in the invoice is present but empty. Leave out elements you have no "
        "value for instead of sending them empty."
    ),
    "PEPPOL-EN16931-R004": _(
        "The specification identifier (CustomizationID) must start with "
        "'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0'. "
        "Check the value your system writes at the top of the invoice."
    ),
    "PEPPOL-EN16931-R007": _(
        "The business process identifier (ProfileID) is not one that Peppol recognises. "
        "For ordinary invoices use 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0'."
    ),
    "NL-R-003": _(
        "The seller is in the Netherlands, so the seller's legal registration identifier "
        "must be a KVK or OIN number, marked with scheme 0106 or 0190."
    ),
    "PEPPOL-EN16931-R120": _(
        "A line's net amount does not match quantity times price (divided by the price "
        "base quantity), plus line charges, minus line allowances. Recalculate the line; "
        "up to 0.02 difference is accepted."
    ),
    "PEPPOL-EN16931-R020": _(
        "The seller's electronic address (the Peppol endpoint ID, for example the "
        "organisation number with its scheme) is missing."
    ),
    "PEPPOL-EN16931-R010": _(
        "The buyer's electronic address (the Peppol endpoint ID where the buyer receives "
        "invoices) is missing."
    ),
    "PEPPOL-EN16931-R101": _(
        "A document reference on a line may only point to the invoiced object (document "
        "type code 130). Remove other kinds of references from the lines."
    ),
    "PEPPOL-EN16931-CL008": _(
        "The scheme of an electronic address (the schemeID of an endpoint ID, such as 0192 "
        "for a Norwegian organisation number) is not in Peppol's list of electronic "
        "address schemes."
    ),
    "PEPPOL-EN16931-R001": _(
        "The business process identifier (ProfileID) is missing. Peppol invoices name "
        "their process, usually 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0'."
    ),
    "PEPPOL-EN16931-R003": _(
        "The invoice needs a buyer reference or a purchase order number, so that the buyer "
        "can route it internally. Ask your customer which reference to use."
    ),
    "BR-S-08": _(
        "For each standard VAT rate, the taxable amount in the VAT breakdown must equal "
        "the sum of the line amounts at that rate, plus charges and minus allowances at "
        "that rate. Recalculate the VAT breakdown from the lines."
    ),
    "BR-CO-04": _(
        "Every invoice line needs a VAT category code, for example S for standard rate, Z "
        "for zero rate or E for exempt."
    ),
    "BR-48": _(
        "Each VAT breakdown needs a VAT rate (percent), unless its category is O, not "
        "subject to VAT."
    ),
    "BR-47": _("Each VAT breakdown needs a VAT category code, for example S, Z, E, AE or O."),
    "BR-CO-17": _(
        "In a VAT breakdown, the VAT amount must be the taxable amount times the VAT rate, "
        "rounded to two decimals."
    ),
    "BR-25": _("Every invoice line needs an item name that tells the buyer what was sold."),
    "BR-CO-10": _(
        "The sum of line net amounts in the document totals must equal the sum of the net "
        "amounts of all lines."
    ),
    "BR-27": _(
        "An item's net price must not be negative. To give money back, use a credit note "
        "or a negative quantity."
    ),
    "BR-26": _("Every invoice line needs a net price for its item."),
    "UBL-SR-48": _("Every invoice line must have exactly one VAT category for its item."),
    "BR-CO-15": _(
        "The invoice total with VAT must equal the total without VAT plus the total VAT "
        "amount, and the total VAT must be stated once in the invoice currency."
    ),
    "UBL-SR-53": _(
        "When a party's tax scheme is given, its tax identifier (CompanyID, such as the "
        "VAT number) must be given too."
    ),
    "BR-06": _("The seller's legal name (registration name) is missing."),
    "BR-CL-18": _(
        "A VAT category code is not a known code. Use one of S, Z, E, AE, K, G, O, L, M or B."
    ),
    "PEPPOL-EN16931-F001": _(
        "A date is not written as YYYY-MM-DD (for example 2024-03-31), or it is not a real "
        "calendar date."
    ),
    "BR-07": _("The buyer's legal name (registration name) is missing."),
    "BR-E-01": _(
        "Lines, allowances or charges are marked exempt from VAT (category E), so the VAT "
        "breakdown must contain exactly one entry for category E."
    ),
    "BR-E-08": _(
        "For the VAT exempt category (E), the taxable amount in the VAT breakdown must "
        "equal the sum of the exempt lines, minus exempt allowances, plus exempt charges."
    ),
    "BR-21": _("Every invoice line needs a line identifier, such as its line number."),
    "BR-11": _(
        "The buyer's postal address needs a country code: two letters, such as NO, SE or DE."
    ),
    "PEPPOL-EN16931-R051": _(
        "All amounts must be in the invoice currency; only the total VAT in accounting "
        "currency may use another currency."
    ),
    "BR-CL-14": _(
        "A country code is not a valid ISO 3166-1 code. Use two capital letters, such as "
        "NO, SE, DK or DE."
    ),
    "BR-09": _(
        "The seller's postal address needs a country code: two letters, such as NO, SE or DE."
    ),
    "BR-O-01": _(
        "Lines, allowances or charges are marked not subject to VAT (category O), so the "
        "VAT breakdown must contain exactly one entry for category O."
    ),
    "BR-24": _("Every invoice line needs a net amount."),
    "BR-08": _("The seller's postal address is missing."),
    "BR-22": _("Every invoice line needs an invoiced quantity."),
    "BR-23": _(
        "The invoiced quantity of a line needs a unit of measure code, for example EA for "
        "each or HUR for hour."
    ),
    "BR-37": _("Every document level charge needs a VAT category code."),
    "BR-CO-13": _(
        "The invoice total without VAT must equal the sum of line net amounts, minus "
        "document allowances, plus document charges."
    ),
    "BR-CO-16": _(
        "The amount due for payment must equal the total with VAT, minus the amount "
        "already paid, plus the rounding amount."
    ),
    "BR-S-09": _(
        "For standard rated VAT, the VAT amount in the breakdown must be the taxable "
        "amount times the rate, rounded to two decimals."
    ),
}


def explain(rule_id: str, language: str) -> str | None:
    """The plain-language explanation of a rule in a language, or None when there is none."""
    text = EXPLANATIONS.get(rule_id)
    if text is None:
        return None
    with translation.override(language):
        return str(text)
