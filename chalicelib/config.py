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
    # Card payments (issue 13). Locally the project's PayZen simulator (devtools/payzen_simulator.py)
    # with its test credentials; in AWS the secrets are read from SSM or Secrets Manager by the
    # *_ref names (ssm:<name> | secretsmanager:<id>), never set as values.
    psp: str = "payzen"
    payzen_api_url: str = "http://127.0.0.1:8002"
    payzen_shop_id: str = "69876357"
    payzen_shop_id_ref: str | None = None
    payzen_password: str | None = "testpassword_SIMULATOR"
    payzen_password_ref: str | None = None
    payzen_hmac_key: str | None = "testhmac_SIMULATOR"
    payzen_hmac_key_ref: str | None = None
    payzen_mode: str = "TEST"  # TEST | PRODUCTION: a notification of the other mode is refused
    # Sent as ipnTargetUrl with each order; empty: the IPN URL set in the shop's back office.
    psp_ipn_url: str = "http://127.0.0.1:8000/v1/psp/payzen/ipn"
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
            **_payment_settings(env, local),
            webhook_allow_loopback=local and env.get("AL_WEBHOOK_ALLOW_LOOPBACK", "") == "1",
            webhook_queue_url=env.get("AL_WEBHOOK_QUEUE_URL") or None,
            webhook_visibility_s=float(env.get("AL_WEBHOOK_VISIBILITY_S", "30")),
            webhook_retry_base_s=float(env.get("AL_WEBHOOK_RETRY_BASE_S", "5")),
        )


# --- debtor portal (issue 13) ----------------------------------------------------------------

@dataclass(frozen=True)
class PortalSettings:
    base_url: str  # the origin links are issued under (locally the API's own)
    documents_dir: str  # local document store
    documents_bucket: str | None = None  # S3 bucket of sealed documents (AWS)
    requests_per_minute_per_link: int = 60
    requests_per_minute_per_source: int = 120
    # where the pay form's redirect may lead (CSP form-action follows redirects): the PSP's pages
    payment_origins: tuple[str, ...] = ("http://127.0.0.1:8002",)

    @property
    def secure_cookies(self) -> bool:
        """Secure cookies everywhere but on a plain-HTTP localhost (browsers drop them there)."""
        return not self.base_url.startswith(("http://127.0.0.1", "http://localhost"))

    @classmethod
    def from_env(cls, env=None) -> "PortalSettings":
        env = os.environ if env is None else env
        port = env.get("API_PORT", "8000")
        return cls(
            base_url=env.get("AL_PORTAL_BASE_URL", f"http://127.0.0.1:{port}").rstrip("/"),
            documents_dir=env.get("AL_DOCUMENTS_DIR", str(REPO_ROOT / ".data" / "documents")),
            documents_bucket=env.get("AL_DOCUMENTS_BUCKET") or None,
            requests_per_minute_per_link=int(env.get("AL_PORTAL_RPM_PER_LINK", "60")),
            requests_per_minute_per_source=int(env.get("AL_PORTAL_RPM_PER_SOURCE", "120")),
            payment_origins=tuple(env.get("AL_PORTAL_PAYMENT_ORIGINS", "http://127.0.0.1:8002").split()),
        )


def _payment_settings(env, local: bool) -> dict:
    """Outside the local stage nothing defaults: a missing URL, shop or secret name stops
    payments (503), it never falls back to the simulator's test credentials."""
    return {
        "psp": env.get("AL_PSP", "payzen"),
        "payzen_api_url": env.get("AL_PAYZEN_API_URL", Settings.payzen_api_url if local else ""),
        "payzen_shop_id": env.get("AL_PAYZEN_SHOP_ID", Settings.payzen_shop_id if local else ""),
        "payzen_shop_id_ref": env.get("AL_PAYZEN_SHOP_ID_REF") or None,
        "payzen_password": env.get("AL_PAYZEN_PASSWORD", Settings.payzen_password) if local else None,
        "payzen_password_ref": env.get("AL_PAYZEN_PASSWORD_REF") or None,
        "payzen_hmac_key": env.get("AL_PAYZEN_HMAC_KEY", Settings.payzen_hmac_key) if local else None,
        "payzen_hmac_key_ref": env.get("AL_PAYZEN_HMAC_KEY_REF") or None,
        "payzen_mode": env.get("AL_PAYZEN_MODE", "TEST" if local else "PRODUCTION"),
        "psp_ipn_url": env.get("AL_PSP_IPN_URL", Settings.psp_ipn_url if local else ""),
    }
