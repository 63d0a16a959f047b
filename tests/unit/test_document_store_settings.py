"""Which document store a stage gets: S3 when AL_DOCUMENTS_BUCKET names a bucket, the .data/
directory in stage local only, and otherwise a refusal (503) rather than a silent local fallback
(a Lambda's disk is read-only and dies with the instance)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from chalicelib.adapters.document_store import LocalDocumentStore, S3DocumentStore, UnconfiguredDocumentStore
from chalicelib.config import Settings
from chalicelib.domain.errors import Unavailable
from chalicelib.services.runtime import portal_adapters

TABLES = SimpleNamespace(client=None, name=lambda table: f"amiable-test-{table}")


def _documents(monkeypatch, tmp_path, stage: str, bucket: str | None):
    monkeypatch.setenv("AL_DOCUMENTS_DIR", str(tmp_path))
    if bucket is None:
        monkeypatch.delenv("AL_DOCUMENTS_BUCKET", raising=False)
    else:
        monkeypatch.setenv("AL_DOCUMENTS_BUCKET", bucket)
    settings = Settings.from_env({"AL_STAGE": stage, "AWS_REGION": "eu-west-3"})
    return portal_adapters(TABLES, settings)["documents"]


@pytest.mark.parametrize("stage", ["dev", "prod"])
@pytest.mark.parametrize("bucket", [None, ""])
def test_a_lambda_stage_without_a_bucket_refuses_documents(monkeypatch, tmp_path, stage, bucket):
    store = _documents(monkeypatch, tmp_path, stage, bucket)
    assert isinstance(store, UnconfiguredDocumentStore)
    with pytest.raises(Unavailable, match="AL_DOCUMENTS_BUCKET") as refused:
        store.put("t-1", "doc_1", b"sealed")
    assert refused.value.code == "service_unavailable"
    with pytest.raises(Unavailable):
        store.get("t-1", "doc_1")
    assert not list(tmp_path.iterdir())  # nothing written to the local directory


def test_a_lambda_stage_with_a_bucket_uses_s3(monkeypatch, tmp_path):
    store = _documents(monkeypatch, tmp_path, "prod", "amiable-prod-documents-123456789012-eu-west-3")
    assert isinstance(store, S3DocumentStore)
    assert store._bucket == "amiable-prod-documents-123456789012-eu-west-3"


def test_stage_local_keeps_documents_under_its_directory(monkeypatch, tmp_path):
    store = _documents(monkeypatch, tmp_path, "local", None)
    assert isinstance(store, LocalDocumentStore)
    store.put("t-1", "doc_1", b"sealed")
    assert store.get("t-1", "doc_1") == b"sealed"
