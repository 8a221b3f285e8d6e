"""Senders' own e-mail templates, compiled and rendered in a sandbox.

A sender writes Django template syntax, but only a small part of it: a few harmless tags and
filters (this module is the template library of the sandbox engine, so nothing else even
parses), no loading of other templates or tag libraries, and only the documented placeholders
(`{{ document.portal_url }}` ...). The context is plain strings, so a template cannot reach
settings, models or arbitrary attributes, and no construct can blow up the output's size.
"""

from __future__ import annotations

from django.template import (
    Context,
    Engine,
    Library,
    TemplateSyntaxError,
    defaultfilters,
    defaulttags,
)
from django.template.base import FilterExpression, Node, Variable, VariableDoesNotExist
from django.template.smartif import TokenBase
from django.utils.translation import gettext_lazy as _

from folio.core.errors import ApplicationError

TEMPLATE_MAX_CHARS = 20_000

# The placeholders of channels.email.messages.message_context (a test keeps the two equal).
PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "language",
        "attached",
        "deadline",
        "sender.name",
        "customer.name",
        "customer.number",
        "customer.portal_url",
        "document.type",
        "document.number",
        "document.issue_date",
        "document.due_date",
        "document.currency",
        "document.amount_total",
        "document.amount_payable",
        "document.payment_reference",
        "document.portal_url",
        "document.open_url",
        "document.pay_url",
    }
)

# No loops, no template loading, no {% debug %}, no {% load %}: conditions and text only.
ALLOWED_TAGS = ("if", "comment", "firstof", "spaceless", "now", "verbatim")
# No filters that pad or repeat (output size), and none that mark values safe.
ALLOWED_FILTERS = (
    "default",
    "default_if_none",
    "upper",
    "lower",
    "title",
    "capfirst",
    "truncatechars",
    "truncatewords",
    "linebreaks",
    "linebreaksbr",
    "urlencode",
    "yesno",
    "cut",
    "striptags",
    "escape",
    "length",
)

# The sandbox engine's only built-in library (Engine imports it by this module's path).
register = Library()
for _name in ALLOWED_TAGS:
    register.tag(_name, defaulttags.register.tags[_name])
for _name in ALLOWED_FILTERS:
    register.filters[_name] = defaultfilters.register.filters[_name]


class _SandboxEngine(Engine):
    default_builtins = ["folio.delivery.sender_templates"]


_ENGINES = {
    autoescape: _SandboxEngine(loaders=[], libraries={}, autoescape=autoescape, debug=False)
    for autoescape in (True, False)
}


def _expressions(obj, seen: set[int]):
    """Every FilterExpression in a compiled template (nodes, node lists, `if` conditions)."""
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, FilterExpression):
        yield obj
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from _expressions(item, seen)
    elif isinstance(obj, (Node, TokenBase)):
        for value in vars(obj).values():
            yield from _expressions(value, seen)


def _variables(expression: FilterExpression):
    if isinstance(expression.var, Variable) and expression.var.lookups is not None:
        yield ".".join(expression.var.lookups)
    for _func, arguments in expression.filters:
        for is_variable, argument in arguments:
            if is_variable and argument.lookups is not None:
                yield ".".join(argument.lookups)


def _compile(source: str, *, html: bool):
    if len(source) > TEMPLATE_MAX_CHARS:
        raise ApplicationError(
            "template_too_long",
            _("A template may be at most %(max)s characters.") % {"max": TEMPLATE_MAX_CHARS},
        )
    try:
        template = _ENGINES[html].from_string(source)
        unknown = sorted(
            {
                name
                for expression in _expressions(template.nodelist, set())
                for name in _variables(expression)
                if name not in PLACEHOLDERS
            }
        )
    except TemplateSyntaxError as exc:
        raise ApplicationError(
            "invalid_template", _("The template has an error: %(error)s") % {"error": exc}
        ) from exc
    except RecursionError as exc:
        # Parsing and the placeholder walk recurse per nested tag: a few hundred nested {% if %}
        # fit in the size limit and would otherwise end the request with a server error.
        raise ApplicationError(
            "invalid_template", _("The template nests its tags too deeply.")
        ) from exc
    if unknown:
        raise ApplicationError(
            "unknown_placeholder",
            _("Unknown placeholder: %(names)s") % {"names": ", ".join(unknown)},
        )
    return template


def sender_template_check(source: str) -> None:
    """Raise ApplicationError unless the source compiles in the sandbox."""
    _compile(source, html=True)


def sender_template_render(source: str, context: dict, *, html: bool = False) -> str:
    """Render a sender's template with message_context()'s plain values (escaped for HTML)."""
    template = _compile(source, html=html)
    try:
        return template.render(Context(context, autoescape=html))
    except VariableDoesNotExist:  # pragma: no cover - placeholders are checked above
        return ""


def message_template_preview(
    *,
    organization,
    actor,
    purpose: str,
    subject: str,
    text_body: str,
    html_body: str = "",
) -> dict | None:
    """The e-mail these (unsaved) templates would give for the sender's latest sent document;
    None when the sender has sent nothing yet. Writes nothing."""
    import datetime

    from django.conf import settings
    from django.utils import timezone, translation

    from folio.channels.email.messages import message_context
    from folio.delivery.models import MessagePurpose
    from folio.delivery.policies import policy_for
    from folio.documents.models import Direction, Document
    from folio.tenancy.services import require_permission

    require_permission(actor, "manage_settings", organization)
    MessagePurpose(purpose)
    document = (
        Document.objects.filter(organization=organization, direction=Direction.SENT)
        .select_related("customer", "organization")
        .order_by("-created_at", "-id")
        .first()
    )
    if document is None:
        return None
    policy = policy_for(organization)
    context = message_context(
        document=document,
        # The real link is made when the e-mail goes out; the preview shows its shape.
        open_url=f"{settings.SITE_URL}/open/preview/",
        attached=policy.email_attachments == "attach",
        deadline=timezone.now() + datetime.timedelta(days=policy.smartmail_days),
    )
    with translation.override(context["language"]):
        return {
            "document": document,
            "language": context["language"],
            "subject": " ".join(sender_template_render(subject, context).split()),
            "text": sender_template_render(text_body, context).strip() + "\n",
            "html": sender_template_render(html_body, context, html=True) if html_body else "",
        }
