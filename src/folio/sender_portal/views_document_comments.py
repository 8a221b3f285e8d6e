"""The customer's conversation on a document page: comments from the customer portal, and the
sender's replies (shown to the customer in the portal and e-mailed to the commenting contact)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from folio.core.errors import ApplicationError, NotFoundError
from folio.documents.models import Direction, Document
from folio.documents.selectors import document_get_for_actor
from folio.sender_portal.access import staff_actor_with
from folio.sender_portal.forms_settings import CommentReplyForm
from folio.sender_portal.views import LOGIN_URL
from folio.servicedesk.selectors import comments_of, document_open_to_customers
from folio.servicedesk.services import comment_reply, portal_document_url
from folio.tenancy.actors import Actor


def document_page_conversation(actor: Actor, document: Document, *, can_edit: bool) -> dict:
    """What the document page shows of the conversation, and the document's portal URL."""
    issued = document.direction == Direction.SENT and document.customer_id is not None
    return {
        "comments": list(comments_of(document)),
        "reply_form": CommentReplyForm() if can_edit and issued else None,
        "document_portal_url": portal_document_url(document)
        if issued and document_open_to_customers(document)
        else "",
    }


@require_POST
@login_required(login_url=LOGIN_URL)
def document_comment_reply(request: HttpRequest, code) -> HttpResponse:
    actor = staff_actor_with(request, "edit_documents")
    try:
        document = document_get_for_actor(actor, code=code)
    except NotFoundError as exc:
        raise Http404 from exc
    form = CommentReplyForm(request.POST)
    if not form.is_valid():
        raise BadRequest
    try:
        comment_reply(document=document, body=form.cleaned_data["body"], actor=actor)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Your reply is in the customer portal."))
    return redirect(reverse("sender_portal:document", args=[document.code]) + "#conversation")
