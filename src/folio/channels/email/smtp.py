"""Handing a message to the operator's SMTP server, with replies sorted into retry or give up.

Each message is its own SMTP transaction (MAIL, RCPT, DATA). Inside `smtp_connection_reuse()`
(the dispatcher wraps a batch of deliveries in it) one connection carries several transactions
instead of a connect, EHLO, STARTTLS and login per message. Reuse stays safe: a connection
that failed in any way is closed and never used again, and a reused connection that the server
had already dropped is replaced before MAIL FROM, when nothing of the message has been sent.
"""

from __future__ import annotations

import smtplib
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings

from folio.channels.base import TransportError


class _Reuse(threading.local):
    active: bool = False
    client: smtplib.SMTP | None = None
    key: tuple | None = None


_reuse = _Reuse()


def _raise_for(code: int, reply: bytes | str, stage: str) -> None:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    # 5xx is the server's final answer; 4xx (and anything odd) may pass on a later try.
    raise TransportError(f"SMTP {stage}: {code} {text}", permanent=500 <= code < 600)


def _server_key() -> tuple:
    return (
        settings.EMAIL_HOST,
        settings.EMAIL_PORT,
        settings.EMAIL_USE_SSL,
        settings.EMAIL_USE_TLS,
        settings.EMAIL_HOST_USER,
    )


def _connect() -> smtplib.SMTP:
    host, port, timeout = settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT
    if settings.EMAIL_USE_SSL:
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        client = smtplib.SMTP(host, port, timeout=timeout)
    try:
        client.ehlo()
        if settings.EMAIL_USE_TLS:
            client.starttls(context=ssl.create_default_context())
            client.ehlo()
        if settings.EMAIL_HOST_USER:
            client.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
    except BaseException:
        _close(client)
        raise
    return client


def _close(client: smtplib.SMTP | None) -> None:
    if client is None:
        return
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()


def _mail_from(client: smtplib.SMTP, envelope_from: str) -> smtplib.SMTP:
    """MAIL FROM on `client`; a kept connection the server has dropped since is replaced (no
    part of the message has gone out yet, so trying again on a new one is safe)."""
    try:
        code, reply = client.mail(envelope_from)
    except (smtplib.SMTPServerDisconnected, OSError):
        if client is not _reuse.client:
            raise
        _forget(client)
        client = _connect()
        try:
            code, reply = client.mail(envelope_from)
        except BaseException:
            client.close()
            raise
    if code != 250:
        _forget(client)
        _raise_for(code, reply, "MAIL FROM")
    return client


def _kept_client() -> smtplib.SMTP | None:
    """The open connection of this reuse block, if it is to the configured server."""
    client = _reuse.client
    if client is not None and _reuse.key != _server_key():
        _forget(client)
        return None
    return client


@contextmanager
def smtp_connection_reuse() -> Iterator[None]:
    """Let `smtp_send` keep one connection open for the messages sent inside this block."""
    if _reuse.active:
        yield
        return
    _reuse.active = True
    try:
        yield
    finally:
        client, _reuse.client, _reuse.active, _reuse.key = _reuse.client, None, False, None
        _close(client)


def smtp_send(*, envelope_from: str, recipient: str, message: bytes) -> str:
    """Send one message to one recipient; returns the server's final reply."""
    client = _kept_client() if _reuse.active else None
    try:
        client = _mail_from(client or _connect(), envelope_from)
        code, reply = client.rcpt(recipient)
        if code not in (250, 251):
            _raise_for(code, reply, "RCPT TO")
        code, reply = client.data(message)
        if code != 250:
            _raise_for(code, reply, "DATA")
    except TransportError:
        # A refused transaction leaves the connection in a state not worth trusting.
        _forget(client)
        raise
    except smtplib.SMTPResponseException as exc:
        _forget(client)
        _raise_for(exc.smtp_code, exc.smtp_error, "reply")
    except (smtplib.SMTPException, OSError) as exc:
        _forget(client)
        raise TransportError(f"SMTP connection: {exc}", permanent=False) from exc
    if _reuse.active:
        _reuse.client, _reuse.key = client, _server_key()
    else:
        _close(client)
    return f"{code} {reply.decode('utf-8', 'replace')}"


def _forget(client: smtplib.SMTP | None) -> None:
    if client is not None and client is _reuse.client:
        _reuse.client = None
    if client is not None:
        client.close()
