"""A sandbox Peppol SML: a tiny DNS server on loopback (UDP, dnspython's message API).

For each participant it knows it answers, as the SML does, the U-NAPTR record
`<base32(sha256(id))>.iso6523-actorid-upis.<zone>` with service `Meta:SMP` pointing at the
sandbox SMP; participants listed in `legacy` get only the old `B-<md5>` CNAME instead. Any other
name in the zone is NXDOMAIN; names outside it are REFUSED.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterable

import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.rrset

from folio.channels.peppol.directory import sml_cname_name, sml_naptr_name
from folio.sandbox.smtp import free_port

TTL = 60


class SandboxSml:
    def __init__(
        self,
        *,
        zone: str,
        smp_url: str,
        participants: Callable[[], Iterable[str]] | Iterable[str],
        legacy: Iterable[str] = (),
        legacy_target: str = "smp.sandbox.invalid.",
        host: str = "127.0.0.1",
        port: int = 0,
    ):
        self.zone = dns.name.from_text(zone.strip(".") + ".")
        self.smp_url = smp_url.rstrip("/")
        self._participants = participants
        self.legacy = set(legacy)
        self.legacy_target = legacy_target
        self.host = host
        self.port = port or free_port(host)
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind((host, self.port))
        self.socket.settimeout(0.2)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.queries: list[str] = []

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"

    def participants(self) -> set[str]:
        source = self._participants() if callable(self._participants) else self._participants
        return set(source)

    def _records(self) -> dict[tuple[dns.name.Name, int], dns.rrset.RRset]:
        zone = self.zone.to_text()
        records = {}
        for participant in self.participants():
            if participant in self.legacy:
                name = dns.name.from_text(sml_cname_name(participant, zone) + ".")
                records[(name, dns.rdatatype.CNAME)] = dns.rrset.from_text(
                    name, TTL, "IN", "CNAME", self.legacy_target
                )
            else:
                name = dns.name.from_text(sml_naptr_name(participant, zone) + ".")
                records[(name, dns.rdatatype.NAPTR)] = dns.rrset.from_text(
                    name, TTL, "IN", "NAPTR", f'100 10 "U" "Meta:SMP" "!^.*$!{self.smp_url}!" .'
                )
        return records

    def answer(self, wire: bytes) -> bytes | None:
        try:
            query = dns.message.from_wire(wire)
        except dns.exception.DNSException:
            # Garbage on a UDP port is dropped, as DNS servers do.
            return None
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        if not query.question:
            response.set_rcode(dns.rcode.FORMERR)
            return response.to_wire()
        question = query.question[0]
        self.queries.append(f"{question.name} {dns.rdatatype.to_text(question.rdtype)}")
        if not question.name.is_subdomain(self.zone):
            response.flags &= ~dns.flags.AA
            response.set_rcode(dns.rcode.REFUSED)
            return response.to_wire()
        records = self._records()
        found = records.get((question.name, question.rdtype))
        if found is None and question.rdtype != dns.rdatatype.CNAME:
            # A resolver asking another type of a CNAME'd name gets the CNAME.
            found = records.get((question.name, dns.rdatatype.CNAME))
        if found is not None:
            response.answer.append(found)
        elif not any(name == question.name for name, _type in records):
            response.set_rcode(dns.rcode.NXDOMAIN)
        return response.to_wire()

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                wire, client = self.socket.recvfrom(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            reply = self.answer(wire)
            if reply is not None:
                self.socket.sendto(reply, client)

    def start(self) -> SandboxSml:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)
        self.socket.close()
