"""Secrets by name: a value given in the environment (local stack, tests) or an SSM Parameter
Store SecureString / Secrets Manager secret read at first use (AWS). Nothing secret is in code
or in the Lambda's configuration, only the parameter's name."""
from __future__ import annotations

import threading
import time
from typing import Callable

from ..domain.errors import Unavailable

REFRESH_S = 300  # a rotated secret is picked up by warm Lambdas within five minutes


class Secret:
    def __init__(self, loader: Callable[[], str], what: str):
        self._loader = loader
        self._what = what
        self._value: str | None = None
        self._loaded_at = 0.0
        self._lock = threading.Lock()

    @classmethod
    def literal(cls, value: str, what: str) -> "Secret":
        return cls(lambda: value, what)

    @classmethod
    def from_reference(cls, reference: str, what: str, region: str) -> "Secret":
        """``ssm:<parameter name>`` or ``secretsmanager:<secret id>``."""
        kind, _, name = reference.partition(":")
        if kind == "ssm" and name:
            return cls(lambda: _ssm_parameter(name, region), what)
        if kind == "secretsmanager" and name:
            return cls(lambda: _secrets_manager(name, region), what)
        raise RuntimeError(f"{what}: a reference is ssm:<name> or secretsmanager:<id>")

    def get(self) -> str:
        with self._lock:
            if self._value is None or time.monotonic() - self._loaded_at > REFRESH_S:
                value = self._loader()
                if not value:
                    raise Unavailable(f"{self._what} is not configured")
                self._value, self._loaded_at = value, time.monotonic()
            return self._value


def _ssm_parameter(name: str, region: str) -> str:
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        reply = boto3.client("ssm", region_name=region).get_parameter(Name=name, WithDecryption=True)
    except (BotoCoreError, ClientError) as exc:
        raise Unavailable("a secret of the payment configuration cannot be read") from exc
    return reply["Parameter"]["Value"]


def _secrets_manager(secret_id: str, region: str) -> str:
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        reply = boto3.client("secretsmanager", region_name=region).get_secret_value(SecretId=secret_id)
    except (BotoCoreError, ClientError) as exc:
        raise Unavailable("a secret of the payment configuration cannot be read") from exc
    return reply.get("SecretString") or ""
