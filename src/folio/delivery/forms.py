from django import forms
from django.utils.translation import gettext_lazy as _


class OpenDocumentForm(forms.Form):
    VIEW = "view"
    PDF = "pdf"
    action = forms.ChoiceField(
        choices=[(VIEW, _("Open the document")), (PDF, _("Download the PDF"))]
    )
