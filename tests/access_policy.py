"""Who may use which route: the policy table that tests/test_access_matrix.py enforces.

Every URL pattern of the site (ROUTES, keyed by the pattern as Django shows it) and every API
operation (API_OPERATIONS, keyed by "METHOD /path" as in the OpenAPI document) must have a line
here; the matrix test fails on a route without one, and on a line whose route is gone.

Add one line per new route, e.g.

    "app/customers/<uuid:code>/": Rule(STAFF, anonymous=APP_LOGIN, obj="customer"),

`obj` names the kind of object in the URL; OBJECTS below says, per persona, which object of that
kind is the persona's own and which is foreign. Allowed personas must get `ok` on their own
object and 404 on a foreign or unknown one; everyone else gets the rule's denial, the same
whether the object is theirs or not, and nothing in the database changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.personas import PERSONA_NAMES, RECIPIENT_PERSONAS, STAFF_PERSONAS, World

ANONYMOUS = "anonymous"
EVERYONE = frozenset({ANONYMOUS, *PERSONA_NAMES})
STAFF = frozenset(STAFF_PERSONAS)
RECIPIENTS = frozenset(RECIPIENT_PERSONAS)
OPERATOR = frozenset({"operator_staff"})
NOBODY: frozenset[str] = frozenset()
# Staff whose role may change documents (clerks and admins), and administrators of settings.
EDITORS = frozenset(
    {"enterprise_admin", "subsidiary_clerk_no", "subsidiary_clerk_se", "german_admin"}
)
SETTINGS_ADMINS = frozenset({"enterprise_admin", "german_admin"})
# Portal contacts who may pay and dispute (the view-only business contact may not).
PAYERS = frozenset({"consumer_recipient"})

APP_LOGIN = "redirect:/app/login/"
PORTAL_LOGIN = "redirect:/portal/login/"
ADMIN_LOGIN = "redirect:/admin/login/"


@dataclass(frozen=True)
class Rule:
    """Who may use a route, and what everybody else gets.

    allowed:   personas (and ANONYMOUS) that get `ok`.
    ok:        the status (or statuses) an allowed persona gets on its own object.
    anonymous: the denial for a signed-out visitor: a status, or "redirect:<path prefix>".
    others:    the denial for a signed-in persona that is not allowed.
    """

    allowed: frozenset[str]
    ok: int | tuple[int, ...] = 200
    anonymous: int | str = 404
    others: int | str = 404
    method: str = "GET"
    data: dict = field(default_factory=dict)
    obj: str | None = None


ROUTES: dict[str, Rule] = {
    "": Rule(EVERYONE),
    # 503 until a worker has reported a heartbeat, which no test world has.
    "healthz": Rule(EVERYONE, ok=(200, 503)),
    "i18n/setlang/": Rule(EVERYONE, ok=302, method="POST", data={"language": "nb", "next": "/"}),
    # Sender portal
    "app/": Rule(STAFF, anonymous=APP_LOGIN, others=403),
    "app/login/": Rule(EVERYONE),
    "app/logout/": Rule(EVERYONE, ok=302, method="POST"),
    "app/documents/<uuid:code>/": Rule(STAFF, anonymous=APP_LOGIN, others=403, obj="document"),
    # Sender portal, issue 8 (tests/sender_portal covers the allowed side in depth)
    "app/dashboard/": Rule(STAFF, anonymous=APP_LOGIN, others=403),
    # Without a code owed, the code step sends a signed-in user on (tests cover the code itself).
    "app/verify/": Rule(STAFF, ok=302, anonymous=APP_LOGIN, others=403),
    "app/security/two-factor/": Rule(STAFF, anonymous=APP_LOGIN, others=403),
    "app/scope/": Rule(STAFF, ok=302, method="POST", anonymous=APP_LOGIN, others=403),
    "app/documents/": Rule(STAFF, anonymous=APP_LOGIN, others=403),
    "app/documents/export.csv": Rule(STAFF, anonymous=APP_LOGIN, others=403),
    "app/documents/export.xlsx": Rule(STAFF, anonymous=APP_LOGIN, others=403),
    # World documents have no stored source: 404 even when own.
    "app/documents/<uuid:code>/source.xml": Rule(
        STAFF, ok=(200, 404), anonymous=APP_LOGIN, others=403, obj="document"
    ),
    "app/documents/<uuid:code>/source.pdf": Rule(
        STAFF, ok=(200, 404), anonymous=APP_LOGIN, others=403, obj="document"
    ),
    # Actions refuse a bare POST (400) and roles without the permission (403, whatever object).
    "app/documents/<uuid:code>/cancel/": Rule(
        EDITORS, ok=400, method="POST", anonymous=APP_LOGIN, others=403, obj="document"
    ),
    "app/documents/<uuid:code>/send/": Rule(
        EDITORS, ok=400, method="POST", anonymous=APP_LOGIN, others=403, obj="document"
    ),
    # A document that is not stopped is sent back to its page with a message.
    "app/documents/<uuid:code>/correct/": Rule(
        EDITORS, ok=302, method="POST", anonymous=APP_LOGIN, others=403, obj="document"
    ),
    "app/artefacts/<uuid:code>/": Rule(STAFF, anonymous=APP_LOGIN, others=403, obj="artefact"),
    "app/artefacts/<uuid:code>/preview.png": Rule(
        STAFF, anonymous=APP_LOGIN, others=403, obj="artefact"
    ),
    "app/stopped/": Rule(STAFF, anonymous=APP_LOGIN, others=403),
    "app/stopped/resend/": Rule(EDITORS, ok=400, method="POST", anonymous=APP_LOGIN, others=403),
    "app/partners/": Rule(STAFF, anonymous=APP_LOGIN, others=403),
    "app/partners/<uuid:code>/": Rule(STAFF, anonymous=APP_LOGIN, others=403, obj="staff_customer"),
    "app/audit/": Rule(STAFF, anonymous=APP_LOGIN, others=403),
    "app/settings/": Rule(STAFF, anonymous=APP_LOGIN, others=403),
    "app/settings/<uuid:code>/users/": Rule(
        SETTINGS_ADMINS, anonymous=APP_LOGIN, others=403, obj="organization"
    ),
    "app/settings/<uuid:code>/users/revoke/": Rule(
        SETTINGS_ADMINS,
        ok=400,
        method="POST",
        anonymous=APP_LOGIN,
        others=403,
        obj="organization",
    ),
    "app/settings/<uuid:code>/api-keys/": Rule(
        SETTINGS_ADMINS, anonymous=APP_LOGIN, others=403, obj="organization"
    ),
    "app/settings/api-keys/<uuid:code>/revoke/": Rule(
        SETTINGS_ADMINS, ok=400, method="POST", anonymous=APP_LOGIN, others=403, obj="api_key"
    ),
    "app/settings/<uuid:code>/branding/": Rule(
        SETTINGS_ADMINS, anonymous=APP_LOGIN, others=403, obj="organization"
    ),
    "app/settings/<uuid:code>/rules/": Rule(
        EDITORS, anonymous=APP_LOGIN, others=403, obj="staff_organization"
    ),
    "app/settings/rules/<uuid:code>/delete/": Rule(
        EDITORS, ok=400, method="POST", anonymous=APP_LOGIN, others=403, obj="stop_rule_of_org"
    ),
    # Settings → Webhooks (tests/webhooks covers the allowed side in depth).
    "app/settings/<uuid:code>/webhooks/": Rule(
        SETTINGS_ADMINS, anonymous=APP_LOGIN, others=403, obj="organization"
    ),
    "app/settings/webhooks/<uuid:code>/": Rule(
        SETTINGS_ADMINS, anonymous=APP_LOGIN, others=403, obj="webhook_endpoint"
    ),
    **{
        f"app/settings/webhooks/<uuid:code>/{action}/": Rule(
            SETTINGS_ADMINS,
            ok=400,
            method="POST",
            anonymous=APP_LOGIN,
            others=403,
            obj="webhook_endpoint",
        )
        for action in ("rotate", "test", "active")
    },
    "app/settings/webhooks/deliveries/<uuid:code>/": Rule(
        SETTINGS_ADMINS, anonymous=APP_LOGIN, others=403, obj="webhook_delivery"
    ),
    "app/settings/webhooks/deliveries/<uuid:code>/redeliver/": Rule(
        SETTINGS_ADMINS,
        ok=400,
        method="POST",
        anonymous=APP_LOGIN,
        others=403,
        obj="webhook_delivery",
    ),
    # Settings of issue 8 §6: customer portal (the apply step's GET is its confirm page),
    # Smartmail, e-mail templates with preview, routing and costs with dry run.
    "app/settings/<uuid:code>/customer-portal/": Rule(
        SETTINGS_ADMINS, anonymous=APP_LOGIN, others=403, obj="organization"
    ),
    "app/settings/<uuid:code>/customer-portal/apply/": Rule(
        SETTINGS_ADMINS, anonymous=APP_LOGIN, others=403, obj="organization"
    ),
    "app/settings/<uuid:code>/smartmail/": Rule(
        SETTINGS_ADMINS, anonymous=APP_LOGIN, others=403, obj="organization"
    ),
    "app/settings/<uuid:code>/email/": Rule(
        SETTINGS_ADMINS, anonymous=APP_LOGIN, others=403, obj="organization"
    ),
    "app/settings/<uuid:code>/routing/": Rule(
        SETTINGS_ADMINS, anonymous=APP_LOGIN, others=403, obj="organization"
    ),
    # One's own sessions only: another user's session is "not found".
    "app/security/sessions/": Rule(STAFF, anonymous=APP_LOGIN, others=403),
    "app/security/sessions/<uuid:code>/revoke/": Rule(
        STAFF, ok=400, method="POST", anonymous=APP_LOGIN, others=403, obj="user_session"
    ),
    "app/security/sessions/revoke-others/": Rule(
        STAFF, ok=400, method="POST", anonymous=APP_LOGIN, others=403
    ),
    "app/documents/<uuid:code>/reply/": Rule(
        EDITORS, ok=400, method="POST", anonymous=APP_LOGIN, others=403, obj="document"
    ),
    # Asking the registries again costs network calls: clerks, admins and support only.
    "app/partners/<uuid:code>/reach/check/": Rule(
        EDITORS | OPERATOR,
        ok=400,
        method="POST",
        anonymous=APP_LOGIN,
        others=403,
        obj="staff_customer",
    ),
    # The invitation link is its own credential; a wrong one shows "used or expired".
    "app/invitation/<str:uidb64>/<str:token>/": Rule(EVERYONE),
    # Customer portal
    "portal/": Rule(RECIPIENTS, anonymous=PORTAL_LOGIN, others=403),
    "portal/login/": Rule(EVERYONE),
    "portal/logout/": Rule(EVERYONE, ok=302, method="POST"),
    "portal/documents/<uuid:code>/": Rule(
        RECIPIENTS, anonymous=PORTAL_LOGIN, others=403, obj="portal_document"
    ),
    # Customer portal, issue 7 (tests/recipient_portal covers the allowed side in depth).
    # Sign-in links: the request form answers alike for everyone; the link only parks its
    # token and redirects; the confirm page shows "link does not work" without a token.
    "portal/login/link/": Rule(EVERYONE),
    "portal/login/link/open/": Rule(EVERYONE, ok=302, anonymous=302, others=302),
    "portal/login/link/confirm/": Rule(EVERYONE),
    # The code step of a password sign-in with an authenticator: without a pending sign-in
    # it goes back to the sign-in page. The security page enrols an authenticator.
    "portal/login/code/": Rule(EVERYONE, ok=302, anonymous=302, others=302),
    "portal/security/": Rule(RECIPIENTS, anonymous=PORTAL_LOGIN, others=403),
    # Two-part activation: the form answers everyone alike.
    "portal/activate/": Rule(EVERYONE),
    "portal/documents/<uuid:code>/print/": Rule(
        RECIPIENTS, anonymous=PORTAL_LOGIN, others=403, obj="portal_document"
    ),
    # World documents have no source XML and no renderable PDF: 404 even when own.
    "portal/documents/<uuid:code>/pdf/": Rule(
        RECIPIENTS, ok=(200, 404), anonymous=PORTAL_LOGIN, others=403, obj="portal_document"
    ),
    "portal/documents/<uuid:code>/xml/": Rule(
        RECIPIENTS, ok=(200, 404), anonymous=PORTAL_LOGIN, others=403, obj="portal_document"
    ),
    # An empty comment goes back to the document with a message.
    "portal/documents/<uuid:code>/comment/": Rule(
        RECIPIENTS, ok=302, method="POST", anonymous=PORTAL_LOGIN, others=403, obj="portal_document"
    ),
    # The world's own documents are invoices, not quotes: answering one is "not found".
    "portal/documents/<uuid:code>/quote/": Rule(
        RECIPIENTS, ok=404, method="POST", anonymous=PORTAL_LOGIN, others=403, obj="portal_document"
    ),
    # Only the consumer (an account administrator) may pay and dispute; for the view-only
    # business contact those actions do not exist (404); staff are no portal users (403).
    "portal/documents/<uuid:code>/dispute/": Rule(
        PAYERS,
        ok=302,
        method="POST",
        anonymous=PORTAL_LOGIN,
        others=(403, 404),
        obj="portal_document",
    ),
    "portal/documents/<uuid:code>/pay/": Rule(
        PAYERS, ok=302, anonymous=PORTAL_LOGIN, others=(403, 404), obj="portal_document"
    ),
    "portal/pay/": Rule(PAYERS, anonymous=PORTAL_LOGIN, others=(403, 404)),
    "portal/promise/": Rule(
        PAYERS, ok=302, method="POST", anonymous=PORTAL_LOGIN, others=(403, 404)
    ),
    "portal/pay/return/": Rule(RECIPIENTS, anonymous=PORTAL_LOGIN, others=403),
    # Nothing chosen: back to the list with a message.
    "portal/documents/zip/": Rule(
        RECIPIENTS, ok=302, method="POST", anonymous=PORTAL_LOGIN, others=403
    ),
    "portal/statement/": Rule(RECIPIENTS, anonymous=PORTAL_LOGIN, others=403),
    "portal/statement/pdf/": Rule(RECIPIENTS, anonymous=PORTAL_LOGIN, others=403),
    "portal/my-data/": Rule(RECIPIENTS, anonymous=PORTAL_LOGIN, others=403),
    # The sender's support view of one customer (read-only, audited).
    "portal/support/<uuid:code>/": Rule(
        STAFF, ok=302, method="POST", anonymous=APP_LOGIN, others=404, obj="staff_customer"
    ),
    "portal/support/stop/": Rule(
        frozenset(PERSONA_NAMES), ok=302, method="POST", anonymous=APP_LOGIN
    ),
    # The sender's desk of customer requests (servicedesk); a decision without a valid
    # choice is refused (400) before anything is looked up.
    "app/desk/": Rule(STAFF, anonymous=APP_LOGIN, others=403),
    "app/desk/changes/decide/": Rule(STAFF, ok=400, method="POST", anonymous=APP_LOGIN, others=403),
    "app/desk/disputes/decide/": Rule(
        STAFF, ok=400, method="POST", anonymous=APP_LOGIN, others=403
    ),
    # Payments: Stripe's webhook needs its signature (none configured in tests: 400); the
    # sandbox PSP's page is admitted by the unguessable payment code.
    "payments/webhooks/stripe/": Rule(NOBODY, method="POST", anonymous=400, others=400),
    "payments/sandbox/checkout/<uuid:code>/": Rule(NOBODY, anonymous=404, others=404),
    # Back office: not even admitted to exist for anyone but operator staff.
    "backoffice/": Rule(OPERATOR, anonymous=APP_LOGIN, others=404),
    "backoffice/organizations/<uuid:code>/": Rule(
        OPERATOR, anonymous=APP_LOGIN, others=404, obj="organization"
    ),
    # Delivery: the e-mail link is its own credential (a bearer token), so without a valid token
    # everyone gets 404 (tests/delivery covers valid ones); webhooks need the shared-secret
    # signature, which no persona has.
    "delivery/open/<str:token>/": Rule(NOBODY, anonymous=404, others=404),
    "delivery/webhooks/bounces/": Rule(NOBODY, method="POST", anonymous=403, others=403),
    # eFaktura invoice details: the signed URL is its own credential; Kivra webhooks are signed.
    "nordic/efaktura/invoices/<str:token>/": Rule(NOBODY, anonymous=404, others=404),
    "nordic/webhooks/kivra/payments/": Rule(NOBODY, method="POST", anonymous=403, others=403),
    # API documents (the operations themselves are in API_OPERATIONS)
    "api/v1/": Rule(EVERYONE, ok=404),
    "api/v1/openapi.json": Rule(EVERYONE),
    "api/v1/docs": Rule(EVERYONE),
}

# Whole subtrees covered by one rule (checked on the prefix itself). Django admin admits only
# users with is_staff, which no persona has: the admin tests sign in a superuser.
PREFIXES: dict[str, Rule] = {
    "admin/": Rule(NOBODY, anonymous=ADMIN_LOGIN, others=ADMIN_LOGIN),
}

# API callers are organizations' API keys; ANONYMOUS is a request without a valid key.
API_KEYS = ("key_nordlys", "key_nordlys_no", "key_nordlys_se", "key_hansa")
API_KEY_ORGANIZATION = {
    "key_nordlys": "nordlys",
    "key_nordlys_no": "nordlys-no",
    "key_nordlys_se": "nordlys-se",
    "key_hansa": "hansa",
}
ANY_KEY = frozenset(API_KEYS)

API_OPERATIONS: dict[str, Rule] = {
    "GET /api/v1/documents": Rule(ANY_KEY, anonymous=401),
    "GET /api/v1/documents/{id}": Rule(ANY_KEY, anonymous=401, obj="document"),
    "GET /api/v1/documents/{id}/events": Rule(ANY_KEY, anonymous=401, obj="document"),
    "GET /api/v1/customers": Rule(ANY_KEY, anonymous=401),
    # Ingestion: an empty form body is refused (422) or, for a document that is not STOPPED,
    # a resend is a conflict (409). World documents have no XML or PDF file: 404 even when own.
    "POST /api/v1/documents": Rule(ANY_KEY, anonymous=401, ok=422),
    "POST /api/v1/documents/{id}/resend": Rule(ANY_KEY, anonymous=401, ok=409, obj="document"),
    "GET /api/v1/documents/{id}/versions": Rule(ANY_KEY, anonymous=401, obj="document"),
    "GET /api/v1/documents/{id}/xml": Rule(ANY_KEY, anonymous=401, ok=(200, 404), obj="document"),
    "GET /api/v1/documents/{id}/pdf": Rule(ANY_KEY, anonymous=401, ok=(200, 404), obj="document"),
    "POST /api/v1/batches": Rule(ANY_KEY, anonymous=401, ok=422),
    "GET /api/v1/filters": Rule(ANY_KEY, anonymous=401),
    "POST /api/v1/filters": Rule(ANY_KEY, anonymous=401, ok=422),
    "POST /api/v1/filters/dry-run": Rule(ANY_KEY, anonymous=401, ok=422),
    "DELETE /api/v1/filters/{id}": Rule(ANY_KEY, anonymous=401, ok=204, obj="stop_rule"),
    "POST /api/v1/filters/{id}/dry-run": Rule(ANY_KEY, anonymous=401, obj="stop_rule"),
    "GET /api/v1/customers/{id}": Rule(ANY_KEY, anonymous=401, obj="customer"),
    "GET /api/v1/registrations": Rule(ANY_KEY, anonymous=401),
    "GET /api/v1/registrations/export.csv": Rule(ANY_KEY, anonymous=401),
    "GET /api/v1/customers/{id}/reach": Rule(ANY_KEY, anonymous=401, obj="customer"),
}

# Per object kind: caller -> (own object, foreign object) as keys of the World's dicts.
# A foreign object is one the caller may not see; None where the caller sees everything
# (an unknown code is always tried as well).
OBJECTS: dict[str, dict[str, tuple[str, str | None]]] = {
    "document": {
        "operator_staff": ("kari-invoice-sent", None),
        "enterprise_admin": ("svea-invoice-sent", "mueller-invoice-sent"),
        "subsidiary_clerk_no": ("kari-invoice-sent", "svea-invoice-sent"),
        "subsidiary_clerk_se": ("svea-invoice-sent", "kari-invoice-sent"),
        "viewer": ("ola-invoice", "mueller-invoice-sent"),
        "german_admin": ("mueller-invoice-sent", "kari-invoice-sent"),
        "consumer_recipient": ("kari-invoice-sent", "svea-invoice-sent"),
        "business_contact_viewonly": ("svea-invoice-sent", "kari-invoice-sent"),
        "outsider": ("kari-invoice-sent", "mueller-invoice-sent"),
        "key_nordlys": ("lina-invoice", "schmidt-invoice"),
        "key_nordlys_no": ("kari-invoice-paid", "lina-invoice"),
        "key_nordlys_se": ("svea-credit-note", "ola-invoice"),
        "key_hansa": ("schmidt-invoice", "kari-invoice-sent"),
    },
    # What a recipient may open in the portal: issued documents of their own accounts only,
    # so another customer of the same sender is foreign too.
    "portal_document": {
        **{name: ("kari-invoice-sent", "mueller-invoice-sent") for name in STAFF_PERSONAS},
        "consumer_recipient": ("kari-invoice-paid", "ola-invoice"),
        "business_contact_viewonly": ("svea-invoice-sent", "lina-invoice"),
        "outsider": ("kari-invoice-sent", "svea-invoice-sent"),
    },
    "organization": {
        **{name: ("nordlys-no", "hansa") for name in PERSONA_NAMES},
        "operator_staff": ("hansa", None),
        "german_admin": ("hansa", "nordlys-no"),
    },
    # Stop rules of an organization (by slug), made on first use by resolve_object().
    "stop_rule": {
        "key_nordlys": ("nordlys-se", "hansa"),
        "key_nordlys_no": ("nordlys-no", "nordlys-se"),
        "key_nordlys_se": ("nordlys-se", "nordlys-no"),
        "key_hansa": ("hansa", "nordlys-no"),
    },
    # A stored artefact of the document with that key (made on first use by resolve_object()).
    "artefact": {
        "operator_staff": ("kari-invoice-sent", None),
        "enterprise_admin": ("svea-invoice-sent", "mueller-invoice-sent"),
        "subsidiary_clerk_no": ("kari-invoice-sent", "svea-invoice-sent"),
        "subsidiary_clerk_se": ("svea-invoice-sent", "kari-invoice-sent"),
        "viewer": ("ola-invoice", "mueller-invoice-sent"),
        "german_admin": ("mueller-invoice-sent", "kari-invoice-sent"),
        "consumer_recipient": ("kari-invoice-sent", "svea-invoice-sent"),
        "business_contact_viewonly": ("svea-invoice-sent", "kari-invoice-sent"),
        "outsider": ("kari-invoice-sent", "mueller-invoice-sent"),
    },
    # Customers as the sender portal's trading partners.
    "staff_customer": {
        "operator_staff": ("kari", None),
        "enterprise_admin": ("svea-bygg", "mueller"),
        "subsidiary_clerk_no": ("kari", "svea-bygg"),
        "subsidiary_clerk_se": ("svea-bygg", "kari"),
        "viewer": ("ola", "mueller"),
        "german_admin": ("mueller", "kari"),
        "consumer_recipient": ("kari", "mueller"),
        "business_contact_viewonly": ("svea-bygg", "mueller"),
        "outsider": ("kari", "mueller"),
    },
    # The organization (by slug) whose settings a staff persona edits.
    "staff_organization": {
        **{name: ("nordlys-no", "hansa") for name in PERSONA_NAMES},
        "subsidiary_clerk_se": ("nordlys-se", "nordlys-no"),
        "german_admin": ("hansa", "nordlys-no"),
        "operator_staff": ("hansa", None),
    },
    # A stop rule of the organization with that slug, for the sender portal's staff.
    "stop_rule_of_org": {
        **{name: ("nordlys-no", "hansa") for name in PERSONA_NAMES},
        "subsidiary_clerk_se": ("nordlys-se", "nordlys-no"),
        "german_admin": ("hansa", "nordlys-no"),
    },
    # An API key of the organization with that slug (made on first use by resolve_object()).
    "api_key": {
        **{name: ("nordlys-no", "hansa") for name in PERSONA_NAMES},
        "german_admin": ("hansa", "nordlys-no"),
    },
    # A webhook endpoint (and one delivery of it) of the organization with that slug, made on
    # first use by resolve_object().
    "webhook_endpoint": {
        **{name: ("nordlys-no", "hansa") for name in PERSONA_NAMES},
        "german_admin": ("hansa", "nordlys-no"),
    },
    "webhook_delivery": {
        **{name: ("nordlys-no", "hansa") for name in PERSONA_NAMES},
        "german_admin": ("hansa", "nordlys-no"),
    },
    # A signed-in session of the persona with that name (made by resolve_object()).
    "user_session": {
        name: (name, "german_admin" if name != "german_admin" else "enterprise_admin")
        for name in PERSONA_NAMES
    },
    "customer": {
        "key_nordlys": ("svea-bygg", "mueller"),
        "key_nordlys_no": ("kari", "svea-bygg"),
        "key_nordlys_se": ("lina", "ola"),
        "key_hansa": ("mueller", "kari"),
    },
}


def resolve_object(world: World, kind: str, key: str):
    """The World object of a kind by its key (organizations by slug)."""
    if kind in {"document", "portal_document"}:
        return world.documents[key]
    if kind in {"organization", "staff_organization"}:
        return world.organizations[key]
    if kind in {"customer", "staff_customer"}:
        return world.customers[key]
    if kind == "artefact":
        return _artefact_for(world.documents[key])
    if kind == "api_key":
        from folio.tenancy.models import ApiKey

        organization = world.organizations[key]
        existing = ApiKey.objects.filter(organization=organization, name="matrix").first()
        if existing is not None:
            return existing
        return ApiKey.objects.create(
            organization=organization, name="matrix", prefix=f"m{organization.pk:011d}"
        )
    if kind in {"stop_rule", "stop_rule_of_org"}:
        from folio.ingestion.models import StopRule, StopRuleKind

        organization = world.organizations[key]
        rule, _created = StopRule.objects.get_or_create(
            organization=organization,
            kind=StopRuleKind.ALLOWED_CURRENCIES,
            defaults={"currencies": ["NOK"]},
        )
        return rule
    if kind in {"webhook_endpoint", "webhook_delivery"}:
        return _webhook_object(world.organizations[key], kind)
    if kind == "user_session":
        return _user_session_for(world.personas[key].user)
    raise KeyError(f"unknown object kind {kind!r}: add it to resolve_object()")


def _user_session_for(user):
    """A live session of the user, listed under Security → Sessions (made once)."""
    from importlib import import_module

    from django.conf import settings
    from django.utils import timezone

    from folio.tenancy.models import UserSession

    existing = UserSession.objects.filter(user=user).first()
    if existing is not None:
        return existing
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store.create()
    return UserSession.objects.create(
        user=user, session_key=store.session_key, last_seen_at=timezone.now()
    )


def _artefact_for(document):
    """A stored PDF artefact (with a preview image) of the document, made once."""
    import hashlib

    from django.core.files.base import ContentFile

    from folio.rendering.models import ArtefactKind, RenderedArtefact

    existing = RenderedArtefact.objects.filter(document=document).first()
    if existing is not None:
        return existing
    content = b"%PDF-1.7 matrix"
    artefact = RenderedArtefact(
        document=document,
        kind=ArtefactKind.PDF,
        filename=f"{document.number}.pdf",
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    artefact.file.save("document.pdf", ContentFile(content), save=False)
    artefact.preview.save("preview.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False)
    artefact.save()
    return artefact


def _webhook_object(organization, kind: str):
    """The organization's matrix endpoint, or a delivery of it, made once."""
    from folio.webhooks.models import WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint
    from folio.webhooks.signing import secret_encrypt, secret_generate

    endpoint, _created = WebhookEndpoint.objects.get_or_create(
        organization=organization,
        url="https://hooks.example.com/matrix",
        defaults={
            "event_types": ["document.accepted"],
            "secret_encrypted": secret_encrypt(secret_generate()),
        },
    )
    if kind == "webhook_endpoint":
        return endpoint
    delivery = WebhookDelivery.objects.filter(endpoint=endpoint).first()
    if delivery is None:
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint,
            event_type="webhook.test",
            message_id=f"msg_matrix{endpoint.pk}",
            body="{}",
            status=WebhookDeliveryStatus.SUCCEEDED,
        )
    return delivery
