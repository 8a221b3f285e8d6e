"""Display helpers shared by Folio's page templates."""

from django import template

from folio.customers.models import ChannelCode

register = template.Library()

CHANNEL_LABELS = dict(ChannelCode.choices)


@register.filter
def channel_label(code: str) -> str:
    """A channel's human name ("efaktura_no" -> "eFaktura (Norway)"); unknown codes as given."""
    return str(CHANNEL_LABELS.get(code, code)) if code else ""
