"""Forms of the sender portal's settings pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from folio.core.errors import ApplicationError
from folio.customers.models import ChannelCode
from folio.delivery.models import AttachmentMode, MessagePurpose
from folio.delivery.sender_templates import TEMPLATE_MAX_CHARS, sender_template_check
from folio.documents.models import DocumentType
from folio.ingestion.filters import TERMS
from folio.ingestion.models import StopRuleKind
from folio.rendering.models import WindowPosition
from folio.servicedesk.models import PortalAction
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


class CustomerPortalForm(forms.Form):
    """What the sender opens to its customers in the customer portal."""

    document_types = forms.MultipleChoiceField(
        label=_("Document types customers see"),
        choices=DocumentType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    actions = forms.MultipleChoiceField(
        label=_("What customers may do"),
        choices=PortalAction.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    changes_need_approval = forms.BooleanField(
        label=_("Changes customers make to their own data wait for approval"),
        required=False,
        help_text=_("Otherwise their changes apply at once; you see the history either way."),
    )
    new_customers_portal_access = forms.BooleanField(
        label=_("New customers get portal access"),
        required=False,
        help_text=_("Customers created after you save (by API, upload or documents) get this."),
    )


class SmartmailForm(forms.Form):
    smartmail_days = forms.IntegerField(
        label=_("Days to open a Smartmail"),
        min_value=1,
        max_value=90,
        help_text=_("Unopened after this many days, the document is printed and posted."),
    )
    remind = forms.BooleanField(label=_("Send a reminder before the deadline"), required=False)
    smartmail_reminder_days = forms.IntegerField(
        label=_("Days before the deadline"),
        min_value=1,
        max_value=89,
        required=False,
    )

    def clean(self):
        data = super().clean()
        days = data.get("smartmail_days")
        reminder = data.get("smartmail_reminder_days")
        if data.get("remind"):
            if not reminder:
                self.add_error(
                    "smartmail_reminder_days", _("Say how many days before the deadline.")
                )
            elif days and reminder >= days:
                self.add_error(
                    "smartmail_reminder_days",
                    _("The reminder must go out before the deadline."),
                )
        return data

    def policy_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "smartmail_days": data["smartmail_days"],
            "smartmail_reminder_days": data["smartmail_reminder_days"] if data["remind"] else None,
        }


class EmailDeliveryForm(forms.Form):
    """How document e-mails carry the document, and where replies go."""

    email_attachments = forms.ChoiceField(
        label=_("Document e-mails"), choices=AttachmentMode.choices, widget=forms.RadioSelect
    )
    reply_to = forms.EmailField(label=_("Reply-to address"), required=False)


class MessageTemplateForm(forms.Form):
    """A sender's subject/text/HTML for one kind of e-mail; checked by the sandbox."""

    purpose = forms.ChoiceField(label=_("E-mail"), choices=MessagePurpose.choices)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Every language without its own template")), *PREVIEW_LANGUAGES],
    )
    subject = forms.CharField(label=_("Subject"), max_length=300)
    text_body = forms.CharField(
        label=_("Text"), max_length=TEMPLATE_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 8})
    )
    html_body = forms.CharField(
        label=_("HTML (optional)"),
        required=False,
        max_length=TEMPLATE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
    )

    def clean(self):
        data = super().clean()
        for name in ("subject", "text_body", "html_body"):
            if data.get(name):
                try:
                    sender_template_check(data[name])
                except ApplicationError as error:
                    self.add_error(name, str(error.message))
        return data


class RoutingForm(forms.Form):
    """The routing policy: a forced channel, the channel order and the price per channel."""

    forced_channel = forms.ChoiceField(
        label=_("Send everything by"),
        required=False,
        choices=[("", _("The best channel for each customer")), *ChannelCode.choices],
    )
    chain = forms.CharField(
        label=_("Channel order"),
        help_text=_("Channel codes in the order to try, comma-separated."),
        max_length=300,
    )

    def __init__(self, *args, default_costs: dict[str, object] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        default_costs = default_costs or {}
        for code, label in ChannelCode.choices:
            self.fields[f"cost_{code}"] = forms.DecimalField(
                label=label,
                required=False,
                min_value=0,
                max_digits=10,
                decimal_places=4,
                # Shown greyed out in the empty field: what an empty price means.
                widget=forms.NumberInput(
                    attrs={"placeholder": str(default_costs.get(code, "")), "step": "any"}
                ),
            )

    def clean_chain(self) -> list[str]:
        codes = [code.strip() for code in self.cleaned_data["chain"].split(",") if code.strip()]
        unknown = [code for code in codes if code not in ChannelCode.values]
        if unknown:
            raise forms.ValidationError(
                _("Unknown channel: %(codes)s") % {"codes": ", ".join(unknown)}
            )
        if not codes or len(set(codes)) != len(codes):
            raise forms.ValidationError(_("List each channel at most once."))
        return codes

    def cost_fields(self):
        return [self[f"cost_{code}"] for code in ChannelCode.values]

    def cost_table(self) -> dict[str, str]:
        return {
            code: str(self.cleaned_data[f"cost_{code}"])
            for code in ChannelCode.values
            if self.cleaned_data.get(f"cost_{code}") is not None
        }


class CommentReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
