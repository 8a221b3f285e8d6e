from django import forms
from django.contrib.auth.forms import AuthenticationForm

from folio.recipient_portal.selectors import portal_contacts_of
from folio.tenancy.actors import Actor


class PortalAuthenticationForm(AuthenticationForm):
    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        # Same message as a wrong password: the form must not reveal which accounts exist.
        if not portal_contacts_of(Actor.for_user(user)).exists():
            raise self.get_invalid_login_error()


class PortalListForm(forms.Form):
    account = forms.UUIDField(required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)
