"""Folio's one client for HTTP requests to addresses that users configure (webhooks and the like).

Timeouts on every request, no redirects (a 3xx is an answer, not an instruction), no proxies from
the environment, and no private, loopback, link-local or otherwise internal addresses unless the
operator allows them with FOLIO_HTTP_ALLOW_PRIVATE_NETWORKS (a demo or a test on loopback).

The host name is resolved once, checked, and the connection goes to that checked address (the
Host header and TLS SNI still carry the name), so a DNS answer that changes between the check and
the request (DNS rebinding) cannot point the request at an internal service.
(After healthchecks `hc/lib/curl.py` and Saleor `core/http_client.py`.)
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass, field

import httpx
from django.conf import settings

ALLOWED_SCHEMES = frozenset({"http", "https"})
DEFAULT_BODY_LIMIT = 64 * 1024
USER_AGENT = "Folio"


class OutboundError(Exception):
    """The request got no HTTP answer: refused address, DNS failure, timeout, connection error.

    `timeout` tells a slow receiver (worth a retry) from an address Folio may never call.
    """

    def __init__(self, message: str, *, timeout: bool = False, blocked: bool = False):
        super().__init__(message)
        self.message = message
        self.timeout = timeout
        self.blocked = blocked


@dataclass(frozen=True)
class OutboundResponse:
    status_code: int
    headers: dict[str, str] = field(default_factory=dict)
    # At most the body limit of the request; `truncated` says there was more.
    body: bytes = b""
    truncated: bool = False
    duration_ms: int = 0


def _is_internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One verifying TLS context per process: loading the CA bundle costs tens of milliseconds,
    more than a request to a nearby receiver (bench/webhooks.py)."""
    return httpx.create_ssl_context()


def url_problem(url: str) -> str:
    """Why `url` can never be called (bad scheme, credentials, no host), or "" when it may be.

    Addresses are checked at request time, when the name is resolved."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return "not a valid URL"
    if parsed.scheme not in ALLOWED_SCHEMES:
        return "only http and https URLs are allowed"
    if not parsed.host:
        return "the URL has no host"
    if parsed.userinfo:
        return "the URL may not contain a user name or password"
    return ""


def resolve_checked(host: str, port: int) -> str:
    """The address to connect to for `host`: the first one DNS gives, after checking every
    address it gives (one internal answer refuses the name)."""
    allow_private = settings.FOLIO_HTTP_ALLOW_PRIVATE_NETWORKS
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise OutboundError(f"cannot resolve {host}: {exc}") from exc
    addresses = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]
    if not addresses:
        raise OutboundError(f"cannot resolve {host}")
    if not allow_private:
        for address in addresses:
            if _is_internal(address):
                raise OutboundError(
                    f"{host} resolves to an internal address ({address}), which Folio does not "
                    "call (FOLIO_HTTP_ALLOW_PRIVATE_NETWORKS)",
                    blocked=True,
                )
    return str(addresses[0])


def post(
    url: str,
    *,
    content: bytes,
    headers: dict[str, str],
    timeout: float | None = None,
    body_limit: int = DEFAULT_BODY_LIMIT,
) -> OutboundResponse:
    """POST `content` to `url` and return the answer, whatever its status code.

    Raises OutboundError when there is no answer (see the module docstring for what is refused).
    """
    return request(
        "POST", url, content=content, headers=headers, timeout=timeout, body_limit=body_limit
    )


def get(
    url: str,
    *,
    headers: dict[str, str] | None = None,
    timeout: float | None = None,
    body_limit: int = DEFAULT_BODY_LIMIT,
) -> OutboundResponse:
    """GET `url` (for addresses Folio learns from others, such as an SMP found through DNS)."""
    return request("GET", url, headers=headers or {}, timeout=timeout, body_limit=body_limit)


def request(
    method: str,
    url: str,
    *,
    headers: dict[str, str],
    content: bytes | None = None,
    timeout: float | None = None,
    body_limit: int = DEFAULT_BODY_LIMIT,
) -> OutboundResponse:
    """One request with the protections above; the body is read up to `body_limit` bytes."""
    problem = url_problem(url)
    if problem:
        raise OutboundError(problem, blocked=True)
    parsed = httpx.URL(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    address = resolve_checked(parsed.host, port)
    pinned = parsed.copy_with(host=address)
    request_headers = {"User-Agent": USER_AGENT, **headers}
    # The Host header names the original host (and a non-default port), as the URL did.
    request_headers["Host"] = parsed.netloc.decode("ascii")
    extensions = {"sni_hostname": parsed.host} if parsed.scheme == "https" else {}
    seconds = timeout if timeout is not None else settings.FOLIO_HTTP_TIMEOUT
    started = time.monotonic()
    try:
        # A client per request: connections are to a pinned address and are not shared between
        # host names (a pooled TLS connection would carry another name's SNI).
        with httpx.Client(
            timeout=httpx.Timeout(seconds),
            follow_redirects=False,
            trust_env=False,
            verify=_tls_context(),
        ) as client:
            outgoing = client.build_request(
                method, pinned, content=content, headers=request_headers, extensions=extensions
            )
            response = client.send(outgoing, stream=True)
            try:
                body = b""
                truncated = False
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > body_limit:
                        body, truncated = body[:body_limit], True
                        break
            finally:
                response.close()
    except httpx.TimeoutException as exc:
        raise OutboundError(f"no answer within {seconds:g} s", timeout=True) from exc
    except httpx.HTTPError as exc:
        raise OutboundError(f"connection failed: {exc}") from exc
    return OutboundResponse(
        status_code=response.status_code,
        headers=dict(response.headers.items()),
        body=body,
        truncated=truncated,
        duration_ms=int((time.monotonic() - started) * 1000),
    )
