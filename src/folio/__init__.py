"""Folio: self-hosted customer portal and multichannel document hub."""

__version__ = "0.1.0"
