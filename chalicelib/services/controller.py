"""The data controller named in GDPR answers (Art. 13(1)(a), 14(1)(a), 15(1)): set by the
tenant's admin, versioned (each PUT is a new version, none is overwritten), read by the DPO's
answers, which record the version they named."""
from __future__ import annotations

from typing import Any, Protocol

from ..domain import events as ev
from ..domain.errors import Conflict, NotFound, Unavailable
from .auth import Principal
from .runtime import Runtime

FIELDS = ("name", "address", "contact_email", "dpo_contact")
MAX_ATTEMPTS = 5


class VersionedSettings(Protocol):
    def latest(self, pk: str) -> dict | None: ...
    def history(self, pk: str) -> list[dict]: ...
    def add(self, pk: str, version: int, attributes: dict[str, str]) -> bool: ...


def _pk(tenant_id: str) -> str:
    return f"{tenant_id}#controller"


def _store(rt: Runtime) -> VersionedSettings:
    return rt.versioned


def _shape(row: dict) -> dict:
    return {"version": row["version"], **{k: row[k] for k in FIELDS},
            "recorded_at": row["recorded_at"],
            "recorded_by": {"key_id": row["recorded_by_key"], "role": row["recorded_by_role"]}}


def current(rt: Runtime, tenant_id: str) -> dict | None:
    row = _store(rt).latest(_pk(tenant_id))
    return _shape(row) if row else None


def get_controller(rt: Runtime, principal: Principal) -> dict:
    found = current(rt, principal.tenant_id)
    if found is None:
        raise NotFound("no controller configured (PUT /v1/admin/controller)")
    return found


def history(rt: Runtime, principal: Principal) -> dict:
    return {"versions": [_shape(r) for r in _store(rt).history(_pk(principal.tenant_id))]}


def set_controller(rt: Runtime, principal: Principal, body: Any) -> dict:
    ev.validate(ev.api_validator("controller"), body)
    attributes = {k: body[k] for k in FIELDS}
    attributes.update(recorded_at=ev.format_instant(rt.clock.now()), recorded_by_key=principal.key_id,
                      recorded_by_role=principal.role)
    store = _store(rt)
    for _ in range(MAX_ATTEMPTS):  # a concurrent PUT took the next version: take the one after
        latest = store.latest(_pk(principal.tenant_id))
        version = (latest["version"] if latest else 0) + 1
        if store.add(_pk(principal.tenant_id), version, attributes):
            return _shape({**attributes, "version": version})
    raise Unavailable("too many concurrent changes of the controller; retry")


def require(rt: Runtime, tenant_id: str) -> dict:
    """The controller an answer must name; 409 while none is configured (nothing is written)."""
    found = current(rt, tenant_id)
    if found is None:
        raise Conflict("controller_not_configured",
                       "the data controller is not configured: an admin sets it with PUT /v1/admin/controller")
    return found
