"""The KMS key provider against moto's KMS (KMS only: DynamoDB is never mocked)."""
from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from chalicelib.adapters.kms import KmsKeyProvider
from chalicelib.domain.errors import Unavailable


@pytest.fixture
def kms():
    with mock_aws():
        client = boto3.client("kms", region_name="eu-west-3", aws_access_key_id="x", aws_secret_access_key="x")
        key_id = client.create_key(Description="KEK")["KeyMetadata"]["Arn"]
        yield client, key_id


def test_wrap_unwrap_with_context(kms):
    client, key_id = kms
    provider = KmsKeyProvider(key_id, client=client)
    ctx = {"app": "amiable-ledger", "tenant": "t1", "subject": "s1", "purpose": "subject-key"}
    blob = provider.wrap(b"k" * 32, ctx)
    assert b"k" * 32 not in blob
    assert provider.unwrap(blob, ctx) == b"k" * 32
    with pytest.raises(Unavailable):
        provider.unwrap(blob, {**ctx, "tenant": "t2"})


def test_kms_failure_is_unavailable(kms):
    client, _ = kms
    provider = KmsKeyProvider("arn:aws:kms:eu-west-3:123456789012:key/missing", client=client)
    with pytest.raises(Unavailable):
        provider.wrap(b"x", {"app": "amiable-ledger"})
