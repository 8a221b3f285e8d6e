"""Demo customers of the three demo senders, their contacts, consents and portal users.

Consumers carry local names and addresses (æøå, äö, ß); businesses carry valid organization
numbers, VAT ids and Peppol participant ids (check digits computed with python-stdnum). Each
sender also has a few suppliers, the counterparties of its received documents.
"""

from __future__ import annotations

import datetime
import random
import unicodedata
from dataclasses import dataclass

from stdnum import luhn
from stdnum.iso7064 import mod_11_10
from stdnum.no import fodselsnummer
from stdnum.no import orgnr as no_orgnr

from folio.core.demo import DemoContext, DemoLogin
from folio.customers.models import ChannelCode, ConsentKind, Customer, CustomerKind
from folio.customers.services import consent_record, contact_create, customer_create
from folio.tenancy.actors import Actor
from folio.tenancy.demo import HANSA, NORDLYS_NO, NORDLYS_SE

C = ChannelCode

DEMO_LOGINS = [
    DemoLogin("kari.nordmann", "Customer portal: consumer of Nordlys Strøm AS", "/portal/"),
    DemoLogin("erik.lund", "Customer portal: Svea Bygg AB contact, view only", "/portal/"),
]


@dataclass(frozen=True)
class Locale:
    country: str
    language: str
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    places: tuple[tuple[str, str], ...]  # (postcode, city)
    streets: tuple[str, ...]
    business_kinds: tuple[str, ...]
    business_suffix: str


NO = Locale(
    "NO",
    "nb",
    (
        "Kari",
        "Ola",
        "Ingrid",
        "Lars",
        "Marit",
        "Bjørn",
        "Solveig",
        "Håkon",
        "Åse",
        "Jørgen",
        "Sigrid",
        "Øystein",
        "Liv",
        "Eirik",
        "Ragnhild",
        "Torbjørn",
        "Nora",
        "Emil",
        "Hilde",
        "Knut",
        "Mette",
        "Ståle",
        "Astrid",
        "Per",
        "Therese",
        "Sindre",
    ),
    (
        "Hansen",
        "Johansen",
        "Olsen",
        "Larsen",
        "Andersen",
        "Pedersen",
        "Nilsen",
        "Kristiansen",
        "Jensen",
        "Karlsen",
        "Johnsen",
        "Pettersen",
        "Eriksen",
        "Berg",
        "Haugen",
        "Hagen",
        "Bakke",
        "Solberg",
        "Lie",
        "Dahl",
        "Strøm",
        "Sæther",
        "Løken",
        "Brække",
        "Østby",
        "Aas",
        "Mørk",
        "Bø",
    ),
    (
        ("0150", "Oslo"),
        ("0562", "Oslo"),
        ("5003", "Bergen"),
        ("7010", "Trondheim"),
        ("4006", "Stavanger"),
        ("9008", "Tromsø"),
        ("3015", "Drammen"),
        ("4610", "Kristiansand"),
        ("1606", "Fredrikstad"),
        ("6002", "Ålesund"),
        ("8006", "Bodø"),
        ("2609", "Lillehammer"),
        ("3510", "Hønefoss"),
        ("1368", "Stabekk"),
    ),
    (
        "Storgata",
        "Kirkeveien",
        "Skogveien",
        "Bjørkeveien",
        "Fjordgata",
        "Solbakken",
        "Granåsen",
        "Møllegata",
        "Løvåsveien",
        "Sjøgata",
        "Åsveien",
        "Kongens gate",
    ),
    (
        "Bygg",
        "Rør",
        "Elektro",
        "Regnskap",
        "Transport",
        "Bakeri",
        "Eiendom",
        "Tannklinikk",
        "Bilverksted",
        "Maskin",
        "Sjømat",
        "Hotell",
        "Frisør",
        "Snekkeri",
    ),
    "AS",
)
SE = Locale(
    "SE",
    "sv",
    (
        "Anna",
        "Erik",
        "Lina",
        "Johan",
        "Maria",
        "Karl",
        "Åsa",
        "Björn",
        "Sofia",
        "Lars",
        "Ingrid",
        "Göran",
        "Elin",
        "Mikael",
        "Märta",
        "Oskar",
        "Ebba",
        "Nils",
        "Linnéa",
        "Per",
        "Sanna",
        "Henrik",
    ),
    (
        "Andersson",
        "Johansson",
        "Karlsson",
        "Nilsson",
        "Eriksson",
        "Larsson",
        "Olsson",
        "Persson",
        "Svensson",
        "Gustafsson",
        "Lindqvist",
        "Berg",
        "Åberg",
        "Lindström",
        "Sjöberg",
        "Öberg",
        "Holmström",
        "Ekström",
        "Nordström",
        "Lundgren",
        "Wikström",
    ),
    (
        ("111 20", "Stockholm"),
        ("118 46", "Stockholm"),
        ("411 01", "Göteborg"),
        ("211 20", "Malmö"),
        ("753 10", "Uppsala"),
        ("722 11", "Västerås"),
        ("702 10", "Örebro"),
        ("582 22", "Linköping"),
        ("903 26", "Umeå"),
        ("553 18", "Jönköping"),
        ("972 31", "Luleå"),
        ("852 30", "Sundsvall"),
        ("803 20", "Gävle"),
    ),
    (
        "Drottninggatan",
        "Storgatan",
        "Kungsgatan",
        "Vasagatan",
        "Björkvägen",
        "Sjövägen",
        "Ängsvägen",
        "Skolgatan",
        "Järnvägsgatan",
        "Östra Långgatan",
        "Källvägen",
        "Höjdvägen",
    ),
    (
        "Bygg",
        "VVS",
        "El",
        "Redovisning",
        "Transport",
        "Bageri",
        "Fastigheter",
        "Tandvård",
        "Bil",
        "Maskin",
        "Café",
        "Konsult",
        "Måleri",
    ),
    "AB",
)
DE = Locale(
    "DE",
    "de",
    (
        "Anna",
        "Lukas",
        "Jürgen",
        "Sabine",
        "Thomas",
        "Katrin",
        "Stefan",
        "Ute",
        "Jörg",
        "Brigitte",
        "Matthias",
        "Sören",
        "Heike",
        "Klaus",
        "Birgit",
        "Uwe",
        "Lena",
        "Jan",
        "Maren",
        "Günther",
        "Björn",
        "Käthe",
    ),
    (
        "Müller",
        "Schmidt",
        "Schneider",
        "Fischer",
        "Weber",
        "Meyer",
        "Wagner",
        "Becker",
        "Schulz",
        "Hoffmann",
        "Schäfer",
        "Koch",
        "Bauer",
        "Richter",
        "Klein",
        "Wolf",
        "Schröder",
        "Neumann",
        "Schwarz",
        "Zimmermann",
        "Krüger",
        "Hartmann",
        "Weiß",
        "Groß",
        "Strauß",
        "Köhler",
    ),
    (
        ("20095", "Hamburg"),
        ("22765", "Hamburg"),
        ("28195", "Bremen"),
        ("30159", "Hannover"),
        ("10115", "Berlin"),
        ("50667", "Köln"),
        ("80331", "München"),
        ("23552", "Lübeck"),
        ("24103", "Kiel"),
        ("40213", "Düsseldorf"),
        ("90402", "Nürnberg"),
        ("04109", "Leipzig"),
        ("48143", "Münster"),
        ("21335", "Lüneburg"),
    ),
    (
        "Hauptstraße",
        "Bahnhofstraße",
        "Schillerstraße",
        "Goethestraße",
        "Lindenallee",
        "Mühlenweg",
        "Gartenstraße",
        "Am Mühlbach",
        "Schloßstraße",
        "Bergstraße",
        "Große Straße",
        "Fährstraße",
    ),
    (
        "Metallbau",
        "Holzbau",
        "Elektrotechnik",
        "Sanitärtechnik",
        "Autohaus",
        "Maschinenbau",
        "Bäckerei",
        "Dachdeckerei",
        "Schreinerei",
        "Logistik",
        "Landtechnik",
        "Werkzeugbau",
        "Gerüstbau",
        "Kfz-Werkstatt",
    ),
    "GmbH",
)

SUPPLIERS = {
    NORDLYS_NO: [
        "Fjellnett AS",
        "Nordic Meter Service AS",
        "Kundesystemer Vest AS",
        "Kontorland Norge AS",
        "Postsentralen Trykk AS",
    ],
    NORDLYS_SE: [
        "Skogsnät Elnät AB",
        "Mälardalens Mätteknik AB",
        "Kundsystem Norr AB",
        "Kontorsbolaget i Sverige AB",
    ],
    HANSA: [
        "Ruhrtal Stahl AG",
        "Rheinfracht Logistik GmbH",
        "Bergische Werkzeugstahl KG",
        "Packwerk Nord GmbH",
        "Fachverlag Technik GmbH",
    ],
}

# sender slug -> (locale, share of all customers, share of consumers, customer number start)
SENDERS = {
    NORDLYS_NO: (NO, 50, 0.82, 100001),
    NORDLYS_SE: (SE, 30, 0.80, 200001),
    HANSA: (DE, 20, 0.20, 300001),
}
# Preferred channels of consumers, by country (weights).
CONSUMER_CHANNELS = {
    "NO": {
        C.EFAKTURA_NO: 33,
        C.AVTALEGIRO_NO: 15,
        C.EMAIL: 30,
        C.PRINT: 10,
        C.PORTAL: 6,
        C.SMARTMAIL: 6,
    },
    "SE": {C.KIVRA_SE: 40, C.EFAKTURA_SE: 20, C.EMAIL: 25, C.PRINT: 10, C.PORTAL: 5},
    "DE": {C.EMAIL: 70, C.PRINT: 25, C.PORTAL: 5},
}
CONSENT_SOURCES = (
    "Signed up on Min side / Mina sidor",
    "Sales contract, signed electronically",
    "Customer service call (recorded)",
    "Imported from the previous billing system",
)
ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def email_local_part(name: str) -> str:
    lowered = name.lower().translate(ASCII)
    plain = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    return ".".join(part for part in plain.replace("-", " ").split() if part.isalnum())


def no_organization_number(rng: random.Random) -> str:
    while True:
        base = str(rng.choice([8, 9])) + "".join(str(rng.randint(0, 9)) for _ in range(7))
        for check in "0123456789":
            if no_orgnr.is_valid(base + check):
                return base + check


def se_organization_number(rng: random.Random) -> str:
    # 55xxxxxxxC: an aktiebolag; Luhn check digit over all ten digits.
    base = "55" + "".join(str(rng.randint(0, 9)) for _ in range(7))
    return base + luhn.calc_check_digit(base)


def de_vat_number(rng: random.Random) -> str:
    base = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
    return "DE" + base + mod_11_10.calc_check_digit(base)


def no_national_id(rng: random.Random) -> str:
    """A fødselsnummer with valid check digits, for someone born 1945-1999."""
    while True:
        born = datetime.date(1945, 1, 1) + datetime.timedelta(days=rng.randint(0, 20000))
        digits = f"{born:%d%m%y}{rng.randint(0, 499):03d}"
        first = fodselsnummer.calc_check_digit1(digits)
        if first == "10":
            continue
        second = fodselsnummer.calc_check_digit2(digits + first)
        if second == "10":
            continue
        number = digits + first + second
        if fodselsnummer.is_valid(number):
            return number


def se_personal_number(rng: random.Random) -> str:
    born = datetime.date(1945, 1, 1) + datetime.timedelta(days=rng.randint(0, 20000))
    base = f"{born:%y%m%d}{rng.randint(0, 999):03d}"
    return f"{born:%Y%m%d}-{base[6:]}{luhn.calc_check_digit(base)}"


def phone_number(rng: random.Random, country: str) -> str:
    if country == "NO":
        first = f"{rng.choice([4, 9])}{rng.randint(10, 99)}"
        return f"+47 {first} {rng.randint(10, 99)} {rng.randint(100, 999)}"
    if country == "SE":
        return f"+46 70 {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    return f"+49 151 {rng.randint(1000, 9999)}{rng.randint(1000, 9999)}"


def weighted(rng: random.Random, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def business_identifiers(rng: random.Random, country: str) -> dict[str, str]:
    if country == "NO":
        number = no_organization_number(rng)
        return {
            "org_number": number,
            "vat_id": f"NO{number}MVA",
            "peppol_id": f"0192:{number}" if rng.random() < 0.7 else "",
        }
    if country == "SE":
        number = se_organization_number(rng)
        return {
            "org_number": number,
            "vat_id": f"SE{number}01",
            "peppol_id": f"0007:{number}" if rng.random() < 0.45 else "",
        }
    vat_id = de_vat_number(rng)
    return {
        "org_number": f"HRB {rng.randint(10000, 199999)}",
        "vat_id": vat_id,
        "peppol_id": f"9930:{vat_id}" if rng.random() < 0.5 else "",
    }


def _address(rng: random.Random, locale: Locale) -> dict[str, str]:
    postcode, city = rng.choice(locale.places)
    street = rng.choice(locale.streets)
    number = rng.randint(1, 140)
    if locale.country == "NO" and rng.random() < 0.25:
        number_text = f"{number}{rng.choice('ABC')}"
    else:
        number_text = str(number)
    line2 = ""
    if locale.country == "SE" and rng.random() < 0.2:
        line2 = f"Lgh {rng.randint(1001, 1304)}"
    elif locale.country == "DE" and rng.random() < 0.15:
        line2 = f"{rng.randint(1, 5)}. OG"
    return {
        "address_line1": f"{street} {number_text}",
        "address_line2": line2,
        "postcode": postcode,
        "city": city,
    }


def _customer_fields(rng: random.Random, locale: Locale, *, consumer: bool, used: set[str]):
    if consumer:
        while True:
            name = f"{rng.choice(locale.first_names)} {rng.choice(locale.last_names)}"
            if name not in used:
                break
        fields = {
            "kind": CustomerKind.PERSON,
            "email": f"{email_local_part(name)}@mail.example" if rng.random() < 0.9 else "",
            "phone": phone_number(rng, locale.country),
        }
        if locale.country == "NO" and rng.random() < 0.6:
            fields["national_id"] = no_national_id(rng)
        elif locale.country == "SE" and rng.random() < 0.6:
            fields["national_id"] = se_personal_number(rng)
        channel = weighted(rng, CONSUMER_CHANNELS[locale.country])
        if channel == C.EMAIL and not fields["email"]:
            channel = C.PRINT
    else:
        while True:
            name = (
                f"{rng.choice(locale.last_names)} {rng.choice(locale.business_kinds)} "
                f"{locale.business_suffix}"
            )
            if name not in used:
                break
        fields = {"kind": CustomerKind.BUSINESS, **business_identifiers(rng, locale.country)}
        fields["email"] = f"faktura@{email_local_part(name).replace('.', '-')}.example"
        fields["phone"] = phone_number(rng, locale.country)
        by_mail = rng.random() < 0.75
        channel = C.PEPPOL if fields["peppol_id"] else C.EMAIL if by_mail else C.PRINT
    used.add(name)
    language = locale.language if rng.random() < 0.88 else "en"
    return name, {
        **fields,
        **_address(rng, locale),
        "language": language,
        "preferred_channel": channel,
        "portal_access": rng.random() < (0.3 if consumer else 0.2) or channel == C.PORTAL,
    }


def _consents(customer: Customer, rng: random.Random, actor: Actor, now) -> None:
    signed_up = now - datetime.timedelta(days=rng.randint(420, 2400))
    source = rng.choice(CONSENT_SOURCES)
    if customer.preferred_channel not in ("", C.PRINT):
        consent_record(
            actor=actor,
            customer=customer,
            kind=ConsentKind.ELECTRONIC_DELIVERY,
            granted=True,
            source=source,
            at=signed_up,
        )
    if customer.preferred_channel == C.EMAIL:
        consent_record(
            actor=actor,
            customer=customer,
            kind=ConsentKind.EMAIL_DELIVERY,
            granted=True,
            source=source,
            at=signed_up,
        )
    if customer.portal_access:
        consent_record(
            actor=actor,
            customer=customer,
            kind=ConsentKind.PORTAL_TERMS,
            granted=True,
            source="Accepted in the customer portal",
            at=signed_up + datetime.timedelta(days=rng.randint(1, 300)),
        )
    if customer.kind == CustomerKind.PERSON and rng.random() < 0.3:
        consent_record(
            actor=actor,
            customer=customer,
            kind=ConsentKind.MARKETING,
            granted=True,
            source=source,
            at=signed_up,
        )
        if rng.random() < 0.3:
            consent_record(
                actor=actor,
                customer=customer,
                kind=ConsentKind.MARKETING,
                granted=False,
                source="Unsubscribe link in newsletter",
                at=signed_up + datetime.timedelta(days=rng.randint(30, 400)),
            )


def seed_demo(context: DemoContext) -> None:
    actor = Actor.for_system("demo")
    rng = context.rng_for("customers")
    suppliers_total = sum(len(names) for names in SUPPLIERS.values())
    recipients_total = max(context.customers - suppliers_total, 3 * len(SENDERS))
    share_total = sum(share for _locale, share, _c, _n in SENDERS.values())
    created: list[Customer] = []
    for index, (slug, (locale, share, consumer_share, first_number)) in enumerate(SENDERS.items()):
        sender = context.organizations[slug]
        if index == len(SENDERS) - 1:
            count = recipients_total - sum(len(v) for v in context.customers_by_sender.values())
        else:
            count = recipients_total * share // share_total
        used: set[str] = set()
        customers = []
        for number in range(first_number, first_number + count):
            portal_account = PORTAL_ACCOUNTS.get(slug) if number == first_number else None
            if portal_account is None:
                consumer = rng.random() < consumer_share
            else:
                consumer = slug == NORDLYS_NO
            name, fields = _customer_fields(rng, locale, consumer=consumer, used=used)
            if portal_account is not None:
                name = portal_account[0]
                fields.update(portal_account[1])
                if fields.get("peppol_id") == "" and not consumer:
                    fields["peppol_id"] = f"0007:{fields['org_number']}"
            customers.append(
                customer_create(
                    actor=actor,
                    sender=sender,
                    customer_number=str(number),
                    name=name,
                    country=locale.country,
                    **{k: v for k, v in fields.items() if k != "kind"},
                    kind=fields["kind"],
                )
            )
        context.customers_by_sender[slug] = customers
        suppliers = []
        for position, name in enumerate(SUPPLIERS[slug], start=1):
            identifiers = business_identifiers(rng, locale.country)
            suppliers.append(
                customer_create(
                    actor=actor,
                    sender=sender,
                    customer_number=f"L{position:04d}",
                    kind=CustomerKind.BUSINESS,
                    name=name,
                    country=locale.country,
                    language=locale.language,
                    email=f"faktura@{email_local_part(name).replace('.', '-')}.example",
                    **identifiers,
                    **_address(rng, locale),
                )
            )
        context.suppliers_by_sender[slug] = suppliers
        created += customers + suppliers

    for customer in created:
        _consents(customer, rng, actor, context.now)
        if customer.kind == CustomerKind.BUSINESS and customer.customer_number[0] != "L":
            locale = SENDERS[customer.sender.slug][0]
            person = f"{rng.choice(locale.first_names)} {rng.choice(locale.last_names)}"
            domain = customer.email.split("@")[-1]
            contact_create(
                actor=actor,
                customer=customer,
                name=person,
                email=f"{email_local_part(person)}@{domain}",
                phone=customer.phone,
                is_admin=True,
            )

    _portal_users(context, actor)
    _backdate(created, rng, context.now)
    context.counts["customers"] = len(created)


# The first customer of each Nordlys company is a named portal user's account.
PORTAL_ACCOUNTS = {
    NORDLYS_NO: (
        "Kari Nordmann",
        {
            "email": "kari.nordmann@mail.example",
            "preferred_channel": C.EFAKTURA_NO,
            "portal_access": True,
            "language": "nb",
        },
    ),
    NORDLYS_SE: (
        "Svea Bygg AB",
        {
            "email": "faktura@svea-bygg.example",
            "preferred_channel": C.PEPPOL,
            "portal_access": True,
            "language": "sv",
        },
    ),
}


def _portal_users(context: DemoContext, actor: Actor) -> None:
    """The two demo portal logins: a Norwegian consumer and a Swedish business's clerk."""
    kari = context.customers_by_sender[NORDLYS_NO][0]
    svea = context.customers_by_sender[NORDLYS_SE][0]
    kari_user = context.demo_user_create(
        username="kari.nordmann", email=kari.email, full_name="Kari Nordmann"
    )
    contact_create(
        actor=actor,
        customer=kari,
        name="Kari Nordmann",
        email=kari.email,
        user=kari_user,
        is_admin=True,
    )
    erik_user = context.demo_user_create(
        username="erik.lund", email="erik.lund@svea-bygg.example", full_name="Erik Lund"
    )
    contact_create(
        actor=actor,
        customer=svea,
        name="Erik Lund",
        email=erik_user.email,
        user=erik_user,
        can_view=True,
    )


def _backdate(customers: list[Customer], rng: random.Random, now) -> None:
    """Customers became customers long before their first demo document."""
    for customer in customers:
        since = now - datetime.timedelta(days=rng.randint(400, 2500), minutes=rng.randint(0, 900))
        Customer.objects.filter(pk=customer.pk).update(created_at=since, updated_at=since)
        customer.created_at = customer.updated_at = since
