"""Certificate templates (snippets trainers edit) and issued certificates."""

from .certificate import Certificate, CertificateStatus
from .template import (
    PLACEHOLDERS,
    CertificateKind,
    CertificateSignatory,
    CertificateTemplate,
)

__all__ = [
    "PLACEHOLDERS",
    "Certificate",
    "CertificateKind",
    "CertificateSignatory",
    "CertificateStatus",
    "CertificateTemplate",
]
