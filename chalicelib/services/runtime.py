"""Wiring: the adapters one process uses, built once from the environment (warm Lambdas reuse it)."""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable

from ..adapters.clock import SystemClock, entropy
from ..adapters.dynamo import (AuthStore, IdempotencyStore, KeyStore, LedgerStore, LookupStore, Tables, TlogStore,
                              make_client)
from ..adapters.versioned_items import VersionedItems
from ..config import Settings


class LruCache:
    """A small LRU map for derived, non-secret state (case heads, public keys)."""

    def __init__(self, size: int):
        self._size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


@dataclass
class Runtime:
    settings: Settings
    tables: Tables
    ledger: LedgerStore
    keys: KeyStore
    lookup: LookupStore
    auth: AuthStore
    idempotency: IdempotencyStore
    tlog: TlogStore
    key_provider: Any
    versioned: Any = None  # versioned tenant settings (the controller's identity)
    signer_factory: Callable[[], Any] | None = None
    clock: Any = field(default_factory=SystemClock)
    entropy: Callable[[int], bytes] = entropy
    heads: LruCache = field(default_factory=lambda: LruCache(2048))
    # The tenant's blind-index HMAC key is cached: it protects look-ups, not subjects' data,
    # and is never destroyed by erasure (its entries are).
    index_keys: LruCache = field(default_factory=lambda: LruCache(256))
    # debtor portal (issue 13): its settings, credentials/counters store and sealed documents
    portal_settings: Any = None
    portal_store: Any = None
    documents: Any = None
    _signer: Any = None
    _payment_orders: Any = None
    _webhooks: Any = None
    webhook_queue_factory: Callable[[], Any] | None = None
    webhook_sender_factory: Callable[[], Any] | None = None
    # A webhook's signing secrets, unwrapped once per process (they protect a tenant's endpoint,
    # not a data subject's data, like the tenant secrets above).
    webhook_secrets: LruCache = field(default_factory=lambda: LruCache(256))
    _webhook_queue: Any = None
    _locks: dict = field(default_factory=dict)
    _locks_guard: Any = field(default_factory=threading.Lock)

    @property
    def signer(self):
        """The checkpoint signer, built on first use (only auditors and the integrator need it)."""
        if self._signer is None:
            self._signer = (self.signer_factory or (lambda: make_signer(self.settings)))()
        return self._signer

    @property
    def payment_orders(self):
        """The payment orders service (services/payment_orders.py), built on first use; tests
        set one pointed at their own PSP simulator."""
        if self._payment_orders is None:
            from .payment_orders import build_payment_orders

            self._payment_orders = build_payment_orders(self)
        return self._payment_orders

    @payment_orders.setter
    def payment_orders(self, service) -> None:
        self._payment_orders = service

    @property
    def webhooks(self):
        """Webhook endpoints and their delivery log (adapters/webhook_store.py), on first use."""
        if self._webhooks is None:
            from ..adapters.webhook_store import WebhookStore

            self._webhooks = WebhookStore(self.tables)
        return self._webhooks

    @property
    def webhook_queue(self):
        if self._webhook_queue is None:
            self._webhook_queue = (self.webhook_queue_factory or (lambda: make_webhook_queue(self)))()
        return self._webhook_queue

    def webhook_sender(self):
        if self.webhook_sender_factory is not None:
            return self.webhook_sender_factory()
        from ..adapters.webhook_http import WebhookSender

        return WebhookSender(allow_loopback=self.settings.webhook_allow_loopback)

    def case_lock(self, tenant_id: str, case_id: str) -> threading.Lock:
        with self._locks_guard:
            if len(self._locks) > 4096:
                self._locks = {k: v for k, v in self._locks.items() if v.locked()}
            return self._locks.setdefault((tenant_id, case_id), threading.Lock())


def build_runtime(settings: Settings, key_provider: Any | None = None, create_key_file: bool = False) -> Runtime:
    client = make_client(settings.dynamodb_endpoint, settings.region)
    tables = Tables(client, settings.table_prefix)
    if key_provider is None:
        key_provider = make_key_provider(settings, create_key_file)
    return Runtime(
        settings=settings,
        tables=tables,
        ledger=LedgerStore(tables),
        keys=KeyStore(tables),
        lookup=LookupStore(tables),
        auth=AuthStore(tables),
        idempotency=IdempotencyStore(tables),
        tlog=TlogStore(tables),
        key_provider=key_provider,
        versioned=VersionedItems(tables),
        signer_factory=(lambda: make_signer(settings, create=create_key_file)),
        **portal_adapters(tables, settings),
    )


def portal_adapters(tables: Tables, settings: Settings) -> dict:
    from ..adapters.document_store import LocalDocumentStore, S3DocumentStore, UnconfiguredDocumentStore
    from ..adapters.portal_store import DynamoPortalStore
    from ..config import PortalSettings

    portal = PortalSettings.from_env()
    if portal.documents_bucket:
        documents = S3DocumentStore(portal.documents_bucket, settings.region)
    elif settings.stage == "local":
        documents = LocalDocumentStore(portal.documents_dir)
    else:  # like the PSP settings: a missing bucket refuses (503), never a silent local directory
        documents = UnconfiguredDocumentStore()
    return {"portal_settings": portal, "portal_store": DynamoPortalStore(tables), "documents": documents}


def make_signer(settings: Settings, create: bool = False):
    if settings.checkpoint_kms_key_id:
        from ..adapters.signing import KmsSigner

        return KmsSigner(settings.checkpoint_kms_key_id, settings.log_name, region=settings.region)
    from ..adapters.signing import LocalSigner

    return LocalSigner(settings.checkpoint_key_file, settings.log_name, create=create)


def make_webhook_queue(rt: "Runtime"):
    """SQS FIFO in AWS; locally its twin in DynamoDB Local (the same delivery rules)."""
    from ..adapters.webhook_store import LocalWebhookQueue, SqsWebhookQueue

    if rt.settings.webhook_queue_url:
        return SqsWebhookQueue(rt.settings.webhook_queue_url, region=rt.settings.region)
    if rt.settings.stage != "local":
        raise RuntimeError("AL_WEBHOOK_QUEUE_URL is required outside stage local (the SQS FIFO queue)")
    return LocalWebhookQueue(rt.tables, rt.settings.webhook_visibility_s)


def make_key_provider(settings: Settings, create: bool = False):
    if settings.key_provider == "kms":
        from ..adapters.kms import KmsKeyProvider

        if not settings.kms_key_id:
            raise RuntimeError("AL_KMS_KEY_ID is required with AL_KEY_PROVIDER=kms")
        return KmsKeyProvider(settings.kms_key_id, region=settings.region)
    from ..adapters.local_keys import LocalKeyProvider

    return LocalKeyProvider(settings.local_key_file, create=create)


_runtime: Runtime | None = None


def get_runtime() -> Runtime:
    global _runtime
    if _runtime is None:
        _runtime = build_runtime(Settings.from_env())
    return _runtime


def set_runtime(runtime: Runtime | None) -> None:
    """For tests and the CLI: use this runtime instead of one built from the environment."""
    global _runtime
    _runtime = runtime
