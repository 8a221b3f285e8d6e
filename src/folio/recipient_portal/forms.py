from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from folio.collections.models import DisputeReason
from folio.documents.models import DocumentType
from folio.recipient_portal.selectors import portal_contacts_of
from folio.servicedesk.services import SELF_SERVICE_CHANNELS
from folio.tenancy.actors import Actor

# Several documents in one ZIP: a cap on how many may be chosen at once.
MAX_ZIP_DOCUMENTS = 200


class PortalAuthenticationForm(AuthenticationForm):
    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        # Same message as a wrong password: the form must not reveal which accounts exist.
        if not portal_contacts_of(Actor.for_user(user)).exists():
            raise self.get_invalid_login_error()


class PortalListForm(forms.Form):
    account = forms.UUIDField(required=False)
    # Keyset pagination: the page after (older than) or before (newer than) this document.
    older = forms.UUIDField(required=False)
    newer = forms.UUIDField(required=False)
    q = forms.CharField(required=False, max_length=100, label=_("Search"))
    type = forms.ChoiceField(
        required=False, choices=[("", _("All types")), *DocumentType.choices], label=_("Type")
    )
    state = forms.ChoiceField(
        required=False,
        choices=[
            ("", _("Any state")),
            ("open", _("Open")),
            ("overdue", _("Overdue")),
            ("paid", _("Paid")),
        ],
        label=_("State"),
    )
    issued_from = forms.DateField(required=False, label=_("Issued from"))
    issued_to = forms.DateField(required=False, label=_("Issued until"))


class MagicLinkRequestForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)


class ActivationForm(forms.Form):
    letter_code = forms.CharField(label=_("Part one (from the letter)"), max_length=30)
    email_code = forms.CharField(label=_("Part two (from the e-mail)"), max_length=30)


class DocumentChoiceForm(forms.Form):
    """Documents chosen by code (checkboxes named `documents`)."""

    documents = forms.TypedMultipleChoiceField(coerce=str, choices=(), required=True)

    def __init__(self, *args, codes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = [(code, code) for code in codes]

    def clean_documents(self):
        chosen = self.cleaned_data["documents"]
        if len(chosen) > MAX_ZIP_DOCUMENTS:
            raise forms.ValidationError(
                _("Choose at most %(count)s documents.") % {"count": MAX_ZIP_DOCUMENTS}
            )
        return chosen


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=4000, widget=forms.Textarea)


class QuoteDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("reject", _("Reject"))])
    signer_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=2000, required=False)


class PromiseForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount"), max_digits=18, decimal_places=2, min_value=0)
    promised_date = forms.DateField(
        label=_("I will pay by"), widget=forms.DateInput(attrs={"type": "date"})
    )


class DisputeForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=DisputeReason.choices)
    comment = forms.CharField(
        label=_("Comment"), max_length=4000, required=False, widget=forms.Textarea
    )


class MyDataForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    address_line1 = forms.CharField(label=_("Address"), max_length=200, required=False)
    address_line2 = forms.CharField(label=_("Address line 2"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=20, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    country = forms.CharField(label=_("Country (2 letters)"), max_length=2, min_length=2)
    vat_id = forms.CharField(label=_("VAT number"), max_length=40, required=False)
    bank_account = forms.CharField(label=_("Bank account (IBAN)"), max_length=42, required=False)
    preferred_channel = forms.ChoiceField(
        label=_("Preferred channel"),
        required=False,
        choices=[
            ("", _("As the sender decides")),
            *[(c.value, c.label) for c in SELF_SERVICE_CHANNELS],
        ],
    )
    language = forms.ChoiceField(label=_("Language"), choices=())

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES
