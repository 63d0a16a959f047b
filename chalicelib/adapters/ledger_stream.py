"""Reading the ledger table's DynamoDB stream directly (DynamoDB Local only).

In AWS, Lambda's event source mapping reads the stream and invokes the `integrate` handler;
locally `ledger integrate` and `make run` read it here, keeping their position per shard in
the tlog table, so both paths feed the same `integrate_stream_batch`.
"""
from __future__ import annotations

from typing import Iterator

import boto3

from .dynamo import CLIENT_CONFIG, Tables, call


class LedgerStreamReader:
    def __init__(self, tables: Tables, endpoint_url: str | None, region: str):
        kwargs = {"region_name": region, "config": CLIENT_CONFIG}
        if endpoint_url:
            kwargs.update(endpoint_url=endpoint_url, aws_access_key_id="local", aws_secret_access_key="local")  # nosec B106 - DynamoDB Local ignores credentials
        self._streams = boto3.client("dynamodbstreams", **kwargs)
        self._tables = tables

    def _stream_arn(self) -> str:
        table = call(self._tables.client.describe_table, TableName=self._tables.name("ledger"))["Table"]
        return table["LatestStreamArn"]

    def batches(self, cursor_of, max_records: int = 1000) -> Iterator[tuple[str, list[dict]]]:
        """(shard id, records) batches after each shard's saved cursor."""
        arn = self._stream_arn()
        description = call(self._streams.describe_stream, StreamArn=arn)["StreamDescription"]
        for shard in description["Shards"]:
            shard_id = shard["ShardId"]
            after = cursor_of(shard_id)
            kwargs = {"StreamArn": arn, "ShardId": shard_id}
            if after:
                kwargs.update(ShardIteratorType="AFTER_SEQUENCE_NUMBER", SequenceNumber=after)
            else:
                kwargs["ShardIteratorType"] = "TRIM_HORIZON"
            iterator = call(self._streams.get_shard_iterator, **kwargs).get("ShardIterator")
            while iterator:
                page = call(self._streams.get_records, ShardIterator=iterator, Limit=max_records)
                if not page["Records"]:
                    break
                yield shard_id, page["Records"]
                iterator = page.get("NextShardIterator")
