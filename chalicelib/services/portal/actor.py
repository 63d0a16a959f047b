"""Who acts through the portal: the debtor, via the portal, holding a given link. It stands in
for an API principal on the write path (tenant_id + actor())."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PortalActor:
    tenant_id: str
    link_id: str

    def actor(self) -> dict:
        return {"role": "debtor", "via": "portal", "link_id": self.link_id}
