"""Handing a message to the operator's SMTP server, with replies sorted into retry or give up."""

from __future__ import annotations

import smtplib
import ssl

from django.conf import settings

from folio.channels.base import TransportError


def _raise_for(code: int, reply: bytes | str, stage: str) -> None:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    # 5xx is the server's final answer; 4xx (and anything odd) may pass on a later try.
    raise TransportError(f"SMTP {stage}: {code} {text}", permanent=500 <= code < 600)


def smtp_send(*, envelope_from: str, recipient: str, message: bytes) -> str:
    """Send one message to one recipient; returns the server's final reply."""
    host, port, timeout = settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT
    try:
        if settings.EMAIL_USE_SSL:
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                host, port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(host, port, timeout=timeout)
        with client:
            client.ehlo()
            if settings.EMAIL_USE_TLS:
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if settings.EMAIL_HOST_USER:
                client.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
            code, reply = client.mail(envelope_from)
            if code != 250:
                _raise_for(code, reply, "MAIL FROM")
            code, reply = client.rcpt(recipient)
            if code not in (250, 251):
                _raise_for(code, reply, "RCPT TO")
            code, reply = client.data(message)
            if code != 250:
                _raise_for(code, reply, "DATA")
            return f"{code} {reply.decode('utf-8', 'replace')}"
    except smtplib.SMTPResponseException as exc:
        _raise_for(exc.smtp_code, exc.smtp_error, "reply")
    except (smtplib.SMTPException, OSError) as exc:
        raise TransportError(f"SMTP connection: {exc}", permanent=False) from exc
    raise AssertionError("unreachable")
