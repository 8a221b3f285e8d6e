"""Demo document content: what each demo sender sends and receives, line by line.

Pure functions of a seeded `random.Random`: no database access here. The traffic seed
(`folio.delivery.demo`) turns this content into documents with their life stories.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from stdnum import luhn

from folio.documents.models import PAYABLE_TYPES, DocumentType

T = DocumentType
CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class DemoLine:
    item_name: str
    quantity: Decimal
    unit_code: str
    unit_price: Decimal
    vat_rate: Decimal
    vat_category: str = "S"
    description: str = ""

    @property
    def amount_net(self) -> Decimal:
        return money(self.quantity * self.unit_price)


@dataclass(frozen=True)
class Amounts:
    net: Decimal
    vat: Decimal
    total: Decimal
    payable: Decimal


def document_amounts(doc_type: str, lines: list[DemoLine]) -> Amounts:
    """Totals as EN 16931 computes them: VAT per rate over the summed line amounts."""
    net = sum((line.amount_net for line in lines), Decimal("0.00"))
    net_by_rate: dict[Decimal, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for line in lines:
        net_by_rate[line.vat_rate] += line.amount_net
    vat = sum(
        (money(base * rate / Decimal(100)) for rate, base in net_by_rate.items()),
        Decimal("0.00"),
    )
    total = net + vat
    payable = total if doc_type in PAYABLE_TYPES else Decimal("0.00")
    return Amounts(net=net, vat=vat, total=total, payable=payable)


def kid_mod10(base: str) -> str:
    """A Norwegian KID (or Swedish OCR reference): the base digits plus a MOD10 check digit."""
    return base + luhn.calc_check_digit(base)


@dataclass(frozen=True)
class SenderProfile:
    """How one demo sender writes its documents."""

    key: str
    currency: str
    vat_rate: Decimal
    # Document number prefix per type, in the sender's own language.
    prefixes: dict[str, str]
    type_weights: dict[str, int]
    reminder_fee: DemoLine
    payment_terms_days: int
    supplier_items: list[tuple[str, str, Decimal, Decimal]] = field(default_factory=list)


ALL_TYPES = list(DocumentType)

ENERGY_TYPE_WEIGHTS = {
    T.INVOICE: 620,
    T.CREDIT_NOTE: 50,
    T.REMINDER: 70,
    T.PAYMENT_REQUEST: 40,
    T.STATEMENT: 50,
    T.CONTRACT: 50,
    T.PRICE_LIST: 30,
    T.QUOTE: 20,
    T.ORDER_CONFIRMATION: 20,
    T.DELIVERY_NOTE: 10,
    T.PURCHASE_ORDER: 10,
    T.BILL_OF_LADING: 5,
    T.OTHER: 25,
}
TOOLS_TYPE_WEIGHTS = {
    T.INVOICE: 400,
    T.QUOTE: 100,
    T.ORDER_CONFIRMATION: 120,
    T.DELIVERY_NOTE: 120,
    T.BILL_OF_LADING: 50,
    T.CREDIT_NOTE: 50,
    T.REMINDER: 40,
    T.STATEMENT: 30,
    T.PURCHASE_ORDER: 20,
    T.PAYMENT_REQUEST: 10,
    T.CONTRACT: 20,
    T.PRICE_LIST: 20,
    T.OTHER: 20,
}
RECEIVED_TYPE_WEIGHTS = {T.INVOICE: 80, T.CREDIT_NOTE: 10, T.ORDER_CONFIRMATION: 6, T.OTHER: 4}

PROFILES: dict[str, SenderProfile] = {
    "energy_no": SenderProfile(
        key="energy_no",
        currency="NOK",
        vat_rate=Decimal("25"),
        prefixes={
            T.INVOICE: "F",
            T.CREDIT_NOTE: "KN",
            T.REMINDER: "P",
            T.QUOTE: "TB",
            T.ORDER_CONFIRMATION: "OB",
            T.DELIVERY_NOTE: "PS",
            T.STATEMENT: "KU",
            T.PAYMENT_REQUEST: "AK",
            T.PURCHASE_ORDER: "IN",
            T.BILL_OF_LADING: "FB",
            T.CONTRACT: "AV",
            T.PRICE_LIST: "PL",
            T.OTHER: "DOK",
        },
        type_weights=ENERGY_TYPE_WEIGHTS,
        reminder_fee=DemoLine("Purregebyr", Decimal(1), "EA", Decimal("35.00"), Decimal(0), "O"),
        payment_terms_days=14,
        supplier_items=[
            ("Nettleie innmatingspunkt", "MON", Decimal("18500"), Decimal("25")),
            ("Målerbytte AMS", "EA", Decimal("1450"), Decimal("25")),
            ("Konsulenttimer kundesystem", "HUR", Decimal("1250"), Decimal("25")),
            ("Kontorrekvisita", "EA", Decimal("89.90"), Decimal("25")),
            ("Porto og utsendelse", "EA", Decimal("11.50"), Decimal("25")),
        ],
    ),
    "energy_se": SenderProfile(
        key="energy_se",
        currency="SEK",
        vat_rate=Decimal("25"),
        prefixes={
            T.INVOICE: "F",
            T.CREDIT_NOTE: "KF",
            T.REMINDER: "PM",
            T.QUOTE: "OFF",
            T.ORDER_CONFIRMATION: "OE",
            T.DELIVERY_NOTE: "FS",
            T.STATEMENT: "KU",
            T.PAYMENT_REQUEST: "AC",
            T.PURCHASE_ORDER: "IO",
            T.BILL_OF_LADING: "FR",
            T.CONTRACT: "AVT",
            T.PRICE_LIST: "PL",
            T.OTHER: "DOK",
        },
        type_weights=ENERGY_TYPE_WEIGHTS,
        reminder_fee=DemoLine(
            "Påminnelseavgift", Decimal(1), "EA", Decimal("60.00"), Decimal(0), "O"
        ),
        payment_terms_days=30,
        supplier_items=[
            ("Nätavgift inmatning", "MON", Decimal("21400"), Decimal("25")),
            ("Mätarbyte", "EA", Decimal("1900"), Decimal("25")),
            ("Konsulttimmar kundsystem", "HUR", Decimal("1150"), Decimal("25")),
            ("Kontorsmaterial", "EA", Decimal("129"), Decimal("25")),
        ],
    ),
    "tools_de": SenderProfile(
        key="tools_de",
        currency="EUR",
        vat_rate=Decimal("19"),
        prefixes={
            T.INVOICE: "RE",
            T.CREDIT_NOTE: "GS",
            T.REMINDER: "MA",
            T.QUOTE: "AN",
            T.ORDER_CONFIRMATION: "AB",
            T.DELIVERY_NOTE: "LS",
            T.STATEMENT: "KA",
            T.PAYMENT_REQUEST: "ZA",
            T.PURCHASE_ORDER: "BE",
            T.BILL_OF_LADING: "FB",
            T.CONTRACT: "VT",
            T.PRICE_LIST: "PL",
            T.OTHER: "DOK",
        },
        type_weights=TOOLS_TYPE_WEIGHTS,
        reminder_fee=DemoLine("Mahngebühr", Decimal(1), "EA", Decimal("5.00"), Decimal(0), "O"),
        payment_terms_days=30,
        supplier_items=[
            ("Stahlblech DC01 2 mm", "KGM", Decimal("1.85"), Decimal("19")),
            ("Fracht Hamburg-München", "EA", Decimal("420"), Decimal("19")),
            ("Werkzeugstahl 1.2379 Rundstab", "KGM", Decimal("9.40"), Decimal("19")),
            ("Verpackungsmaterial", "EA", Decimal("0.65"), Decimal("19")),
            ("Fachzeitschrift Abonnement", "EA", Decimal("89"), Decimal("7")),
        ],
    ),
}

MONTHS = {
    "energy_no": [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ],
    "energy_se": [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
}

# Winter months use more power: a rough monthly factor on household consumption.
SEASON = [1.6, 1.5, 1.3, 1.0, 0.8, 0.6, 0.55, 0.6, 0.8, 1.0, 1.3, 1.55]

TOOLS = [
    ("Akku-Bohrschrauber 18 V, 2 Akkus", "EA", Decimal("189.00"), Decimal("19")),
    ("Schraubendreher-Set 12-tlg.", "SET", Decimal("34.90"), Decimal("19")),
    ("Drehmomentschlüssel 40-200 Nm", "EA", Decimal("119.00"), Decimal("19")),
    ("HSS-Bohrerkassette 25-tlg.", "SET", Decimal("42.50"), Decimal("19")),
    ("Ringmaulschlüssel-Satz 8-19 mm", "SET", Decimal("56.80"), Decimal("19")),
    ("Wasserpumpenzange 250 mm", "EA", Decimal("21.40"), Decimal("19")),
    ("Winkelschleifer 125 mm, 1.100 W", "EA", Decimal("98.00"), Decimal("19")),
    ("Trennscheiben Inox 125 mm (25 Stk.)", "PK", Decimal("27.50"), Decimal("19")),
    ("Arbeitshandschuhe Größe 10 (Paar)", "PR", Decimal("4.20"), Decimal("19")),
    ("Werkstattwagen 7 Schubladen", "EA", Decimal("449.00"), Decimal("19")),
    ("Messschieber digital 150 mm", "EA", Decimal("38.90"), Decimal("19")),
    ("Fachbuch „Werkzeugkunde für Metallberufe“", "EA", Decimal("32.00"), Decimal("7")),
]


def _decimal(rng: random.Random, low: float, high: float, places: str = "0.01") -> Decimal:
    return Decimal(str(rng.uniform(low, high))).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _energy_lines(
    profile: SenderProfile, rng: random.Random, period: datetime.date, is_business: bool
) -> list[DemoLine]:
    month = MONTHS[profile.key][period.month - 1]
    scale = 8 if is_business else 1
    kwh = Decimal(int(rng.uniform(600, 1900) * SEASON[period.month - 1] * scale))
    rate = profile.vat_rate
    if profile.key == "energy_no":
        spot = _decimal(rng, 0.45, 1.85, "0.0001")
        return [
            DemoLine(f"Strøm {month} {period.year}, spotpris", kwh, "KWH", spot, rate),
            DemoLine("Påslag", kwh, "KWH", Decimal("0.0490"), rate),
            DemoLine("Fastbeløp", Decimal(1), "MON", Decimal("49.00"), rate),
            DemoLine("Nettleie, energiledd", kwh, "KWH", Decimal("0.3560"), rate),
            DemoLine("Elavgift", kwh, "KWH", Decimal("0.0951"), rate),
        ]
    spot = _decimal(rng, 0.35, 2.10, "0.0001")
    return [
        DemoLine(f"El {month} {period.year}, rörligt pris", kwh, "KWH", spot, rate),
        DemoLine("Fast månadsavgift", Decimal(1), "MON", Decimal("39.00"), rate),
        DemoLine("Energiskatt", kwh, "KWH", Decimal("0.4390"), rate),
        DemoLine("Elcertifikat", kwh, "KWH", Decimal("0.0060"), rate),
    ]


def _tool_lines(rng: random.Random, count: int, *, priced: bool = True) -> list[DemoLine]:
    lines = []
    for name, unit, price, rate in rng.sample(TOOLS, count):
        quantity = Decimal(rng.choice([1, 1, 2, 3, 5, 10, 20]))
        lines.append(DemoLine(name, quantity, unit, price if priced else Decimal(0), rate))
    if priced and rng.random() < 0.4:
        lines.append(DemoLine("Versandkosten", Decimal(1), "EA", Decimal("6.90"), Decimal("19")))
    return lines


def sent_document_lines(
    profile: SenderProfile,
    doc_type: str,
    rng: random.Random,
    *,
    period: datetime.date,
    is_business: bool,
) -> list[DemoLine]:
    """The lines of a document a demo sender sends (reminders are built by `reminder_lines`)."""
    rate = profile.vat_rate
    if profile.key == "tools_de":
        if doc_type in (T.DELIVERY_NOTE, T.BILL_OF_LADING):
            return _tool_lines(rng, rng.randint(1, 4), priced=False)
        if doc_type in (T.CONTRACT, T.PRICE_LIST, T.OTHER):
            name = {
                T.CONTRACT: "Rahmenvertrag Werkzeugversorgung, Jahresgebühr",
                T.PRICE_LIST: "Preisliste Werkzeuge, Schutzgebühr",
                T.OTHER: "Service-Pauschale Werkzeugprüfung",
            }[doc_type]
            return [DemoLine(name, Decimal(1), "EA", _decimal(rng, 20, 400), rate)]
        if doc_type == T.STATEMENT:
            return [
                DemoLine(
                    f"Offener Posten RE-{rng.randint(1000, 9999)}",
                    Decimal(1),
                    "EA",
                    _decimal(rng, 40, 900),
                    Decimal(0),
                    "O",
                )
                for _ in range(rng.randint(1, 3))
            ]
        return _tool_lines(rng, rng.randint(1, 5))

    if doc_type in (T.INVOICE, T.CREDIT_NOTE):
        lines = _energy_lines(profile, rng, period, is_business)
        if doc_type == T.CREDIT_NOTE:
            # Credits a wrongly estimated meter reading: part of one month's energy.
            first = lines[0]
            kwh = Decimal(int(first.quantity * Decimal("0.2"))) or Decimal(1)
            return [
                DemoLine(
                    f"{first.item_name}: korrigert måleravlesning"
                    if profile.key == "energy_no"
                    else f"{first.item_name}: korrigerad mätaravläsning",
                    kwh,
                    "KWH",
                    first.unit_price,
                    rate,
                )
            ]
        return lines
    if doc_type == T.PAYMENT_REQUEST:
        name = "A konto strøm" if profile.key == "energy_no" else "Förskottsbetalning el"
        return [DemoLine(name, Decimal(1), "EA", _decimal(rng, 400, 2500, "1"), rate)]
    if doc_type == T.STATEMENT:
        name = "Åpen post faktura" if profile.key == "energy_no" else "Öppen post faktura"
        return [
            DemoLine(
                f"{name} F-{rng.randint(10000, 99999)}",
                Decimal(1),
                "EA",
                _decimal(rng, 300, 3000),
                Decimal(0),
                "O",
            )
            for _ in range(rng.randint(1, 3))
        ]
    catalogue_no = {
        T.CONTRACT: ("Strømavtale Spot Pluss, etableringsgebyr", 0, 0),
        T.PRICE_LIST: ("Prisliste strøm og tilleggstjenester", 0, 0),
        T.QUOTE: ("Solcelleanlegg 6 kWp, montert", 65000, 120000),
        T.ORDER_CONFIRMATION: ("Smart styring varmtvannsbereder", 2490, 4990),
        T.DELIVERY_NOTE: ("Ladeboks 22 kW med montering", 0, 0),
        T.PURCHASE_ORDER: ("Strømmålere AMS (eske à 20)", 9800, 14800),
        T.BILL_OF_LADING: ("Transformatorkiosk, frakt", 0, 0),
        T.OTHER: ("Endring av avtale: flytting", 0, 0),
    }
    catalogue_se = {
        T.CONTRACT: ("Elavtal Rörligt Plus, startavgift", 0, 0),
        T.PRICE_LIST: ("Prislista el och tilläggstjänster", 0, 0),
        T.QUOTE: ("Solcellsanläggning 8 kWp, installerad", 85000, 160000),
        T.ORDER_CONFIRMATION: ("Laddbox 11 kW", 6990, 11990),
        T.DELIVERY_NOTE: ("Laddbox 11 kW, leverans", 0, 0),
        T.PURCHASE_ORDER: ("Elmätare (kartong à 20)", 11000, 16000),
        T.BILL_OF_LADING: ("Nätstation, frakt", 0, 0),
        T.OTHER: ("Ändring av avtal: flytt", 0, 0),
    }
    name, low, high = (catalogue_no if profile.key == "energy_no" else catalogue_se)[doc_type]
    price = _decimal(rng, low, high, "1") if high else Decimal(0)
    return [DemoLine(name, Decimal(1), "EA", price, rate)]


def reminder_lines(
    profile: SenderProfile, *, invoice_number: str, invoice_total: Decimal, due: datetime.date
) -> list[DemoLine]:
    """A reminder asks for the overdue invoice's amount plus a fee; neither carries VAT."""
    label = {
        "energy_no": f"Purring: faktura {invoice_number}, forfalt {due:%d.%m.%Y}",
        "energy_se": f"Påminnelse: faktura {invoice_number}, förföll {due:%Y-%m-%d}",
        "tools_de": f"Zahlungserinnerung: Rechnung {invoice_number}, fällig {due:%d.%m.%Y}",
    }[profile.key]
    return [
        DemoLine(label, Decimal(1), "EA", invoice_total, Decimal(0), "O"),
        profile.reminder_fee,
    ]


def received_document_lines(
    profile: SenderProfile, doc_type: str, rng: random.Random
) -> list[DemoLine]:
    """A supplier's document to a demo sender (direction received)."""
    lines = []
    for name, unit, price, rate in rng.sample(profile.supplier_items, rng.randint(1, 3)):
        if unit in ("KGM",):
            quantity = Decimal(rng.randint(50, 2000))
        elif unit == "HUR":
            quantity = Decimal(rng.randint(2, 40))
        else:
            quantity = Decimal(rng.randint(1, 12))
        lines.append(DemoLine(name, quantity, unit, price, rate))
    if doc_type == T.CREDIT_NOTE:
        return lines[:1]
    return lines
