"""The tenant's auto-approval policy for plans proposed in the portal (defaults when unset)."""
from __future__ import annotations

import json
from typing import Any

from ...domain.errors import FieldError, ValidationFailed
from ...domain.portal.plan_policy import DEFAULT_AUTO_APPROVAL, AutoApproval
from ..runtime import Runtime


def _pk(tenant_id: str) -> str:
    # its own partition: `tenant#policy` is the guards' and is read as "the first item"
    return f"{tenant_id}#portal-policy"


def auto_approval(rt: Runtime, tenant_id: str) -> AutoApproval:
    for row in rt.lookup.query(_pk(tenant_id), limit=1):
        return AutoApproval.from_dict(json.loads(row["policy"]))
    return DEFAULT_AUTO_APPROVAL


def get_policy(rt: Runtime, tenant_id: str) -> dict:
    return {"policy": auto_approval(rt, tenant_id).to_dict()}


def set_policy(rt: Runtime, tenant_id: str, document: Any) -> dict:
    try:
        parsed = AutoApproval.from_dict(document)
    except ValueError as exc:
        name = str(exc).split(":", 1)[0]
        raise ValidationFailed([FieldError(f"/{name}", str(exc))]) from None
    rt.lookup.put(_pk(tenant_id), "auto-approval", {"policy": json.dumps(parsed.to_dict(), sort_keys=True)})
    return {"policy": parsed.to_dict()}
