"""Sample documents as Peppol BIS 3 UBL: for the senders' template preview and benchmarks.

The sample goes through the same path as a real document (UBL bytes -> hardened parser ->
EN 16931 model -> renderer), so a preview shows exactly what recipients will get.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from lxml import etree
from lxml.builder import ElementMaker

from folio.ingestion import en16931
from folio.ingestion.xml_safety import parse_xml

CBC = ElementMaker(namespace=en16931.NS["cbc"], nsmap={"cbc": en16931.NS["cbc"]})
CAC = ElementMaker(namespace=en16931.NS["cac"], nsmap={"cac": en16931.NS["cac"]})
CENT = Decimal("0.01")


@dataclass(frozen=True)
class SampleParty:
    name: str
    street: str
    postcode: str
    city: str
    country: str
    org_number: str
    vat_id: str = ""
    email: str = ""
    phone: str = ""


# One seller and buyer per document language, with the letters each language needs.
SAMPLE_PARTIES = {
    "nb": (
        SampleParty(
            "Fjordkraft Østlandet AS",
            "Strømsveien 12",
            "0661",
            "Oslo",
            "NO",
            "987654325",
            "NO987654325MVA",
            "faktura@fjordkraft-ost.no",
            "+47 22 33 44 55",
        ),
        SampleParty("Bjørn Ærøy Åsheim", "Blåbærstien 7", "7030", "Trondheim", "NO", "912345675"),
    ),
    "sv": (
        SampleParty(
            "Västkust Energi AB",
            "Hamngatan 4",
            "411 14",
            "Göteborg",
            "SE",
            "5561234566",
            "SE556123456601",
            "faktura@vastkust.se",
        ),
        SampleParty("Åsa Öberg", "Älvvägen 3", "931 33", "Skellefteå", "SE", "5569876543"),
    ),
    "da": (
        SampleParty(
            "Østjysk Forsyning A/S",
            "Havnegade 21",
            "8000",
            "Aarhus C",
            "DK",
            "12345674",
            "DK12345674",
            "regning@ostjysk.dk",
        ),
        SampleParty("Søren Kjær Jørgensen", "Æblehaven 5", "5000", "Odense C", "DK", "87654321"),
    ),
    "de": (
        SampleParty(
            "Süderelbe Werkstätten GmbH",
            "Großer Grasbrook 9",
            "20457",
            "Hamburg",
            "DE",
            "HRB 123456",
            "DE123456789",
            "rechnung@suederelbe.de",
        ),
        SampleParty("Jürgen Weiß", "Schloßstraße 14", "80331", "München", "DE", "HRB 98765"),
    ),
    "sk": (
        SampleParty(
            "Vodárne Žilina s.r.o.",
            "Štúrova 18",
            "010 01",
            "Žilina",
            "SK",
            "36123456",
            "SK2021234567",
            "faktury@vodarne-za.sk",
        ),
        SampleParty("Ľubomír Čierny", "Šafárikova 22", "040 01", "Košice", "SK", "44556677"),
    ),
    "en": (
        SampleParty(
            "Northwind Supplies Ltd",
            "1 Harbour Street",
            "EC1A 1BB",
            "London",
            "GB",
            "01234567",
            "GB123456789",
            "accounts@northwind.example",
        ),
        SampleParty("Evelyn Hart", "22 Mill Lane", "OX1 2JD", "Oxford", "GB", "07654321"),
    ),
}
VAT_RATES = {"NO": "25", "SE": "25", "DK": "25", "DE": "19", "SK": "23", "GB": "20"}
CURRENCIES = {"NO": "NOK", "SE": "SEK", "DK": "DKK", "DE": "EUR", "SK": "EUR", "GB": "GBP"}
ACCOUNTS = {
    "NO": ("12345678903", None),
    "SE": ("SE4550000000058398257466", "ESSESESS"),
    "DK": ("DK5000400440116243", "DABADKKK"),
    "DE": ("DE89370400440532013000", "COBADEFFXXX"),
    "SK": ("SK3112000000198742637541", "TATRSKBX"),
    "GB": ("GB29NWBK60161331926819", "NWBKGB2L"),
}
ITEMS = [
    ("Strøm, fastledd", "MON", Decimal("1"), Decimal("49.00")),
    ("Energy consumption", "KWH", Decimal("1234.5"), Decimal("0.8925")),
    ("Consulting hours", "HUR", Decimal("7.5"), Decimal("1150.00")),
    ("Service visit", "C62", Decimal("1"), Decimal("890.00")),
    ("Spare parts kit", "C62", Decimal("3"), Decimal("249.90")),
]


@dataclass
class SampleLine:
    name: str
    quantity: Decimal
    unit_code: str
    price: Decimal
    description: str = ""


def _amount(tag, value: Decimal, currency: str):
    return getattr(CBC, tag)(f"{value.quantize(CENT)}", currencyID=currency)


def _party(party: SampleParty):
    children = [
        CBC.EndpointID(party.org_number.replace(" ", ""), schemeID="0192"),
        CAC.PartyIdentification(CBC.ID(party.org_number)),
        CAC.PartyName(CBC.Name(party.name)),
        CAC.PostalAddress(
            CBC.StreetName(party.street),
            CBC.CityName(party.city),
            CBC.PostalZone(party.postcode),
            CAC.Country(CBC.IdentificationCode(party.country)),
        ),
    ]
    if party.vat_id:
        children.append(
            CAC.PartyTaxScheme(CBC.CompanyID(party.vat_id), CAC.TaxScheme(CBC.ID("VAT")))
        )
    children.append(
        CAC.PartyLegalEntity(CBC.RegistrationName(party.name), CBC.CompanyID(party.org_number))
    )
    if party.email or party.phone:
        contact = [CBC.Telephone(party.phone)] if party.phone else []
        if party.email:
            contact.append(CBC.ElectronicMail(party.email))
        children.append(CAC.Contact(*contact))
    return CAC.Party(*children)


def sample_lines(count: int) -> list[SampleLine]:
    lines = []
    for index in range(count):
        name, unit, quantity, price = ITEMS[index % len(ITEMS)]
        lines.append(SampleLine(f"{name} {index + 1}", quantity, unit, price))
    return lines


def sample_ubl(
    *,
    language: str = "nb",
    lines: list[SampleLine] | int = 5,
    number: str = "2026-10042",
    credit_note: bool = False,
    issue_date: datetime.date = datetime.date(2026, 11, 2),
    due_date: datetime.date = datetime.date(2026, 11, 30),
    kid: str = "0012345678903",
    currency: str | None = None,
    seller: SampleParty | None = None,
    buyer: SampleParty | None = None,
    note: str = "",
) -> bytes:
    """A Peppol BIS 3 invoice (or credit note) whose totals add up."""
    default_seller, default_buyer = SAMPLE_PARTIES.get(language, SAMPLE_PARTIES["en"])
    seller = seller or default_seller
    buyer = buyer or default_buyer
    country = seller.country
    currency = currency or CURRENCIES[country]
    rate = Decimal(VAT_RATES[country])
    if isinstance(lines, int):
        lines = sample_lines(lines)
    root_ns = en16931.NS["cn"] if credit_note else en16931.NS["inv"]
    root_name = "CreditNote" if credit_note else "Invoice"
    root = etree.Element(
        f"{{{root_ns}}}{root_name}",
        nsmap={None: root_ns, "cac": en16931.NS["cac"], "cbc": en16931.NS["cbc"]},
    )
    root.extend(
        [
            CBC.CustomizationID(
                "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
            ),
            CBC.ProfileID("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"),
            CBC.ID(number),
            CBC.IssueDate(issue_date.isoformat()),
        ]
    )
    if not credit_note:
        root.append(CBC.DueDate(due_date.isoformat()))
    root.append(CBC.CreditNoteTypeCode("381") if credit_note else CBC.InvoiceTypeCode("380"))
    if note:
        root.append(CBC.Note(note))
    root.append(CBC.DocumentCurrencyCode(currency))
    root.append(CBC.BuyerReference("Ref 4711"))
    root.append(CAC.OrderReference(CBC.ID("PO-88231")))
    if credit_note:
        root.append(
            CAC.BillingReference(
                CAC.InvoiceDocumentReference(CBC.ID("2026-10001"), CBC.IssueDate("2026-10-01"))
            )
        )
    root.append(CAC.AccountingSupplierParty(_party(seller)))
    root.append(CAC.AccountingCustomerParty(_party(buyer)))
    root.append(CAC.Delivery(CBC.ActualDeliveryDate(issue_date.isoformat())))
    account, bic = ACCOUNTS[country]
    account_children = [CBC.ID(account)]
    if bic:
        account_children.append(CAC.FinancialInstitutionBranch(CBC.ID(bic)))
    means = [CBC.PaymentMeansCode("30")]
    if kid:
        means.append(CBC.PaymentID(kid))
    means.append(CAC.PayeeFinancialAccount(*account_children))
    root.append(CAC.PaymentMeans(*means))
    root.append(CAC.PaymentTerms(CBC.Note("14 days net")))

    line_total = Decimal(0)
    line_nodes = []
    for index, line in enumerate(lines, start=1):
        net = (line.quantity * line.price).quantize(CENT, ROUND_HALF_UP)
        line_total += net
        item = [CBC.Name(line.name)]
        if line.description:
            item.insert(0, CBC.Description(line.description))
        item.append(CAC.SellersItemIdentification(CBC.ID(f"SKU-{index:04d}")))
        item.append(
            CAC.ClassifiedTaxCategory(
                CBC.ID("S"), CBC.Percent(str(rate)), CAC.TaxScheme(CBC.ID("VAT"))
            )
        )
        quantity_tag = "CreditedQuantity" if credit_note else "InvoicedQuantity"
        line_nodes.append(
            getattr(CAC, "CreditNoteLine" if credit_note else "InvoiceLine")(
                CBC.ID(str(index)),
                getattr(CBC, quantity_tag)(f"{line.quantity}", unitCode=line.unit_code),
                _amount("LineExtensionAmount", net, currency),
                CAC.Item(*item),
                CAC.Price(CBC.PriceAmount(f"{line.price}", currencyID=currency)),
            )
        )
    vat = (line_total * rate / 100).quantize(CENT, ROUND_HALF_UP)
    root.append(
        CAC.TaxTotal(
            _amount("TaxAmount", vat, currency),
            CAC.TaxSubtotal(
                _amount("TaxableAmount", line_total, currency),
                _amount("TaxAmount", vat, currency),
                CAC.TaxCategory(CBC.ID("S"), CBC.Percent(str(rate)), CAC.TaxScheme(CBC.ID("VAT"))),
            ),
        )
    )
    root.append(
        CAC.LegalMonetaryTotal(
            _amount("LineExtensionAmount", line_total, currency),
            _amount("TaxExclusiveAmount", line_total, currency),
            _amount("TaxInclusiveAmount", line_total + vat, currency),
            _amount("PayableAmount", line_total + vat, currency),
        )
    )
    root.extend(line_nodes)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def sample_invoice(**kwargs) -> en16931.Invoice:
    return en16931.from_ubl(parse_xml(sample_ubl(**kwargs)))
