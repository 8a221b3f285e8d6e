"""The result model shared by every validation engine and the CLI/API contract."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

FATAL = "fatal"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    rule: (
        str  # "XSD" for schema errors, else the official assertion id (BR-01, PEPPOL-EN16931-R001)
    )
    severity: str  # "fatal" or "warning"
    message: str
    location: str  # an XPath to the offending node, as precise as the engine knows it

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class ValidationReport:
    conforms: bool
    document_type: str | None
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    engine: str = ""

    @classmethod
    def from_findings(
        cls, findings: list[Finding], *, document_type: str | None, engine: str
    ) -> ValidationReport:
        errors = [item for item in findings if item.severity != WARNING]
        warnings = [item for item in findings if item.severity == WARNING]
        return cls(
            conforms=not errors,
            document_type=document_type,
            errors=errors,
            warnings=warnings,
            engine=engine,
        )

    def rule_ids(self) -> set[str]:
        return {item.rule for item in self.errors} | {item.rule for item in self.warnings}

    def as_dict(self) -> dict:
        return {
            "conforms": self.conforms,
            "document_type": self.document_type,
            "errors": [item.as_dict() for item in self.errors],
            "warnings": [item.as_dict() for item in self.warnings],
            "engine": self.engine,
        }
