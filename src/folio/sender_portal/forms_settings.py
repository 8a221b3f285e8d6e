"""Forms of the sender portal's settings pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from folio.documents.models import DocumentType
from folio.ingestion.filters import TERMS
from folio.ingestion.models import StopRuleKind
from folio.rendering.models import WindowPosition
from folio.tenancy.models import MembershipRole, MembershipScope

LOGO_MAX_BYTES = 512 * 1024
PREVIEW_LANGUAGES = [
    ("en", "English"),
    ("nb", "Norsk bokmål"),
    ("sv", "Svenska"),
    ("da", "Dansk"),
    ("de", "Deutsch"),
    ("sk", "Slovenčina"),
]


class ApiKeyCreateForm(forms.Form):
    name = forms.CharField(label=_("Name of the key"), max_length=100)


class BrandingForm(forms.Form):
    primary_color = forms.RegexField(
        label=_("Primary colour"),
        regex=r"^#[0-9A-Fa-f]{6}$",
        widget=forms.TextInput(attrs={"type": "color"}),
        help_text=_("Headings and rules; must be readable on white."),
    )
    accent_color = forms.RegexField(
        label=_("Accent colour"),
        regex=r"^#[0-9A-Fa-f]{6}$",
        widget=forms.TextInput(attrs={"type": "color"}),
    )
    footer_text = forms.CharField(
        label=_("Footer text"),
        required=False,
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("At most 3 lines."),
    )
    window_position = forms.ChoiceField(label=_("Envelope window"), choices=WindowPosition.choices)
    logo = forms.FileField(
        label=_("Logo (PNG or SVG)"),
        required=False,
        help_text=_("Leave empty to keep the current logo."),
    )
    language = forms.ChoiceField(label=_("Preview language"), choices=PREVIEW_LANGUAGES)
    document_type = forms.ChoiceField(
        label=_("Preview document"),
        choices=[
            (value, label)
            for value, label in DocumentType.choices
            if value
            in {
                "invoice",
                "credit_note",
                "reminder",
                "quote",
                "order_confirmation",
                "delivery_note",
                "statement",
                "payment_request",
            }
        ],
        initial="invoice",
    )

    def clean_logo(self) -> bytes | None:
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        if upload.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("The logo may be at most 512 KB."))
        return upload.read()


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)
    scope = forms.ChoiceField(label=_("Scope"), choices=MembershipScope.choices)


class MembershipRevokeForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)


class StopRuleForm(forms.Form):
    """A stop rule for all of the sender's documents (customer rules are made through the API)."""

    kind = forms.ChoiceField(label=_("Rule"), choices=StopRuleKind.choices)
    term = forms.ChoiceField(
        label=_("Business term"),
        required=False,
        choices=[("", "—"), *[(key, term.label) for key, term in TERMS.items()]],
    )
    pattern = forms.CharField(
        label=_("Pattern (regular expression)"), required=False, max_length=100
    )
    currencies = forms.CharField(
        label=_("Allowed currencies"),
        required=False,
        help_text=_("Comma-separated, e.g. NOK, SEK."),
    )
    min_amount = forms.DecimalField(label=_("Minimum amount"), required=False, decimal_places=2)
    max_amount = forms.DecimalField(label=_("Maximum amount"), required=False, decimal_places=2)
    reason = forms.CharField(label=_("Reason shown"), required=False, max_length=300)
    notify_customer = forms.BooleanField(label=_("Tell the customer too"), required=False)

    def rule_fields(self) -> dict:
        data = self.cleaned_data
        fields = {
            "term": data["term"] or None,
            "pattern": data["pattern"] or None,
            "min_amount": data["min_amount"],
            "max_amount": data["max_amount"],
            "reason": data["reason"] or None,
            "notify_customer": data["notify_customer"],
        }
        currencies = [c.strip().upper() for c in data["currencies"].split(",") if c.strip()]
        if currencies:
            fields["currencies"] = currencies
        return fields
