"""Validation of UBL invoices: the official engine (XSD + compiled XSLT) and the native one."""

from folio.ingestion.validation.report import Finding, ValidationReport

__all__ = ["Finding", "ValidationReport"]
