from django import forms
from django.utils.translation import gettext_lazy as _

from folio.documents.models import DocumentStatus


class DocumentFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *DocumentStatus.choices],
    )
