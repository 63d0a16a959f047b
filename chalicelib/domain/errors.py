"""Domain errors. Each names what is wrong; the HTTP layer maps them to status codes."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    pointer: str  # JSON Pointer (RFC 6901) into the request, or a header name
    message: str

    def to_dict(self) -> dict:
        return {"pointer": self.pointer, "message": self.message}


class LedgerError(Exception):
    code = "error"

    def __init__(self, message: str, details: list[FieldError] | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or []

    def extra(self) -> dict:
        """More members of the JSON error body, beside error/message/details."""
        return {}


class MalformedRequest(LedgerError):
    """The request cannot be read at all (bad JSON, wrong content type)."""
    code = "malformed_request"


class ValidationFailed(LedgerError):
    """The request is readable but its content is invalid."""
    code = "validation_failed"

    def __init__(self, details: list[FieldError], message: str | None = None):
        super().__init__(message or "; ".join(f"{d.pointer}: {d.message}" for d in details), details)


class RequestTooLarge(LedgerError):
    code = "payload_too_large"


class Unauthenticated(LedgerError):
    code = "unauthenticated"


class Forbidden(LedgerError):
    code = "forbidden"


class NotFound(LedgerError):
    code = "not_found"


class Conflict(LedgerError):
    """The request contradicts the case's state or an earlier request."""

    def __init__(self, code: str, message: str, details: list[FieldError] | None = None):
        super().__init__(message, details)
        self.code = code


class DuplicateExternalRef(Conflict):
    """A case with this external_ref already exists in the tenant; its id is returned."""

    def __init__(self, case_id: str):
        super().__init__("duplicate_external_ref", "a case with this external_ref already exists",
                         [FieldError("/external_ref", "already used by another case of this tenant")])
        self.case_id = case_id

    def extra(self) -> dict:
        return {"case_id": self.case_id}


class BusinessRuleViolation(LedgerError):
    """Well-formed, but refused by a business rule of the ledger (422)."""

    def __init__(self, code: str, message: str, details: list[FieldError] | None = None):
        super().__init__(message, details)
        self.code = code


class Unavailable(LedgerError):
    """A dependency (DynamoDB, the key provider) failed; safe to retry later."""
    code = "service_unavailable"
    retry_after = 2


class UnsupportedMediaType(LedgerError):
    code = "unsupported_media_type"


class TooManyFailures(LedgerError):
    """Too many failed authentications from one source: wait before trying again."""
    code = "too_many_failed_authentications"
    retry_after = 60


class GuardBlocked(LedgerError):
    """The communication breaks a blocking rule; the attempt itself was recorded as evidence."""
    code = "blocked_by_guard"

    def __init__(self, judgement: dict, evidence: dict):
        rules = ", ".join(f["rule_id"] for f in judgement["findings"] if f["severity"] == "block")
        super().__init__(f"communication blocked by the legality guards ({rules})")
        self.judgement = judgement
        self.evidence = evidence

    def extra(self) -> dict:
        return {"findings": self.judgement["findings"], "rule_pack": self.judgement["rule_pack"],
                "evidence": self.evidence}


class ConflictWithFacts(Conflict):
    """A 409 whose body carries the facts a client needs to act on it (e.g. the erasure that
    blocks a new case), as top-level members beside error/message/details."""

    def __init__(self, code: str, message: str, facts: dict, details: list[FieldError] | None = None):
        super().__init__(code, message, details)
        self.facts = dict(facts)

    def extra(self) -> dict:
        return dict(self.facts)
