"""Forms of the sender portal's document pages: search and filters, actions, corrections."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from folio.customers.models import ChannelCode
from folio.documents.models import Direction, DocumentStatus, DocumentType
from folio.ingestion.filters import TERMS
from folio.ingestion.ubl_writer import CORRECTABLE_PATHS
from folio.sender_portal.selectors import DEFAULT_SORT, SORT_FIELDS, DocumentQuery, Scope

SORT_LABELS = {
    "issued": _("Issue date"),
    "created": _("Received by Folio"),
    "total": _("Total"),
    "number": _("Number"),
    "due": _("Due date"),
}


def _sort_choices() -> list[tuple[str, str]]:
    choices = []
    for key in SORT_FIELDS:
        label = SORT_LABELS[key]
        choices.append((f"-{key}", _("%(column)s, descending") % {"column": label}))
        choices.append((key, _("%(column)s, ascending") % {"column": label}))
    return choices


class DocumentSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_(
            "Number, customer name or number, amount, reference, KID or words in the note."
        ),
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *DocumentType.choices]
    )
    direction = forms.ChoiceField(
        label=_("Direction"),
        required=False,
        choices=[("", _("Sent and received")), *Direction.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *DocumentStatus.choices],
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All channels")), *ChannelCode.choices]
    )
    issued_from = forms.DateField(
        label=_("Issued from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    issued_to = forms.DateField(
        label=_("Issued to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    organization = forms.ChoiceField(label=_("Organization"), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False)

    def __init__(self, *args, scope: Scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = scope
        self.fields["organization"].choices = [("", _("All in view"))] + [
            (organization.slug, organization.name)
            for organization in scope.choices
            if organization.id in scope.organization_ids
        ]
        self.fields["sort"].choices = _sort_choices()

    def clean_q(self) -> str:
        text = self.cleaned_data["q"].strip()
        if "\x00" in text:
            raise forms.ValidationError(_("The search contains a character that is not allowed."))
        return text

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("issued_from"), cleaned.get("issued_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return cleaned

    def query(self) -> DocumentQuery:
        """The search as a DocumentQuery (a blank, unbound or invalid form searches nothing)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        slug = data.get("organization") or ""
        organization = next((org for org in self.scope.choices if org.slug == slug), None)
        return DocumentQuery(
            text=data.get("q", ""),
            type=data.get("type", ""),
            direction=data.get("direction", ""),
            status=data.get("status", ""),
            channel=data.get("channel", ""),
            issued_from=data.get("issued_from"),
            issued_to=data.get("issued_to"),
            organization=organization,
            sort=data.get("sort") or DEFAULT_SORT,
        )


class ConfirmForm(forms.Form):
    """A deliberate action: the button sends `confirm=yes`, a bare POST is refused."""

    confirm = forms.ChoiceField(choices=[("yes", _("Yes"))])


class ForceChannelForm(ConfirmForm):
    channel = forms.ChoiceField(label=_("Channel"), choices=ChannelCode.choices)


def correctable_terms(terms: list[str]) -> list[str]:
    """The named terms a correction form can set, in a stable order."""
    return [term for term in CORRECTABLE_PATHS if term in set(terms)]


class CorrectionForm(forms.Form):
    """One field per correctable business term that a stop rule named."""

    def __init__(self, *args, terms: list[str], initial_values: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for term in correctable_terms(terms):
            label = TERMS[term].label if term in TERMS else term
            self.fields[term] = forms.CharField(
                label=label,
                max_length=200,
                required=True,
                initial=initial_values.get(term, ""),
            )

    def corrections(self) -> dict[str, str]:
        return {term: value.strip() for term, value in self.cleaned_data.items()}


class BulkResendForm(forms.Form):
    """Resend several stopped documents with the same corrections (e.g. one missing reference)."""

    documents = forms.MultipleChoiceField(
        label=_("Documents"), required=True, widget=forms.CheckboxSelectMultiple
    )
    term = forms.ChoiceField(
        label=_("Field"),
        choices=[
            (term, TERMS[term].label if term in TERMS else term) for term in CORRECTABLE_PATHS
        ],
        required=False,
    )
    value = forms.CharField(label=_("Value"), max_length=200, required=False)

    def __init__(self, *args, document_codes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = [(code, code) for code in document_codes]

    def corrections(self) -> dict[str, str]:
        term, value = self.cleaned_data.get("term"), (self.cleaned_data.get("value") or "").strip()
        return {term: value} if term and value else {}
