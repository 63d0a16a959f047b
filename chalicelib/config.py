"""Settings from the environment. Defaults point at the stack `make run` starts."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Settings:
    stage: str
    table_prefix: str
    dynamodb_endpoint: str | None
    region: str
    key_provider: str  # "local" | "kms"
    local_key_file: str
    kms_key_id: str | None
    log_name: str = "amiable-ledger.local"  # checkpoint key name and origin prefix
    checkpoint_key_file: str = str(REPO_ROOT / ".data" / "keys" / "checkpoint.ed25519")
    checkpoint_kms_key_id: str | None = None
    auth_failures_per_minute: int = 20  # per source, before 429
    # Development only (never honoured outside stage "local"): webhooks may reach a receiver on
    # loopback over plain http. Link-local and metadata addresses stay refused.
    webhook_allow_loopback: bool = False
    webhook_queue_url: str | None = None  # the SQS FIFO queue in AWS; locally a twin in DynamoDB Local
    webhook_visibility_s: float = 30.0  # local twin: how long a received delivery stays in flight
    webhook_retry_base_s: float = 5.0  # first back-off after a failed delivery (doubles, capped at 6 h)

    @classmethod
    def from_env(cls, env=None) -> "Settings":
        env = os.environ if env is None else env
        stage = env.get("AL_STAGE", "local")
        local = stage == "local"
        return cls(
            stage=stage,
            table_prefix=env.get("AL_TABLE_PREFIX", "amiable-local-"),
            dynamodb_endpoint=env.get("AL_DYNAMODB_ENDPOINT", "http://127.0.0.1:8001" if local else None) or None,
            region=env.get("AWS_REGION", env.get("AWS_DEFAULT_REGION", "eu-west-3")),
            key_provider=env.get("AL_KEY_PROVIDER", "local" if local else "kms"),
            local_key_file=env.get("AL_LOCAL_KEY_FILE", str(REPO_ROOT / ".data" / "keys" / "kek.key")),
            kms_key_id=env.get("AL_KMS_KEY_ID"),
            log_name=env.get("AL_LOG_NAME", "amiable-ledger.local" if local else f"amiable-ledger.{stage}"),
            checkpoint_key_file=env.get("AL_CHECKPOINT_KEY_FILE",
                                        str(REPO_ROOT / ".data" / "keys" / "checkpoint.ed25519")),
            checkpoint_kms_key_id=env.get("AL_CHECKPOINT_KMS_KEY_ID"),
            auth_failures_per_minute=int(env.get("AL_AUTH_FAILURES_PER_MINUTE", "20")),
            webhook_allow_loopback=local and env.get("AL_WEBHOOK_ALLOW_LOOPBACK", "") == "1",
            webhook_queue_url=env.get("AL_WEBHOOK_QUEUE_URL") or None,
            webhook_visibility_s=float(env.get("AL_WEBHOOK_VISIBILITY_S", "30")),
            webhook_retry_base_s=float(env.get("AL_WEBHOOK_RETRY_BASE_S", "5")),
        )
