"""Legality guards for outgoing collection communications (pure: no I/O, no clock).

    from chalicelib.domain.guards import judge, load_pack, CaseFacts, Communication
    verdict = judge(comm, facts, history, load_pack("FR")).verdict

Rules are data (packs/<jurisdiction>/*.json); see pack.py for the format.
"""
from .context import CaseFacts, Communication, PriorContact
from .engine import Finding, Judgement, judge, load_pack, TENANT_PHRASE_RULE
from .pack import RulePack
from .policy import TenantPolicy

__all__ = ["CaseFacts", "Communication", "PriorContact", "Finding", "Judgement", "judge",
           "load_pack", "RulePack", "TenantPolicy", "TENANT_PHRASE_RULE"]
