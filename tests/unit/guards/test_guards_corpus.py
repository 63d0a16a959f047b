"""Quality over the labelled corpus (tests/guards_corpus/*.jsonl). `pytest -s` prints the table."""
from guards_corpus_eval import evaluate

REPORT = evaluate()


def test_corpus_is_large_enough():
    assert len(REPORT.results) >= 200
    ids = [c.id for c, _ in REPORT.results]
    assert len(ids) == len(set(ids))


def test_metrics_table():
    print("\n" + REPORT.table)
    assert REPORT.table.splitlines()[0].split()[:3] == ["rule", "sev", "TP"]
    assert "lawful (allow) blocked" in REPORT.table


def test_recall_is_total_for_every_block_rule():
    assert REPORT.missed_block_rules == []
    for rid, sev, tp, fn, fp, recall, precision in REPORT.rows:
        if sev == "block" and tp + fn:
            assert recall == 1.0, rid


def test_no_blockable_message_is_allowed():
    missed = [(c.id, j.verdict) for c, j in REPORT.results if c.expect_verdict == "block" and j.verdict != "block"]
    assert missed == []


def test_at_most_3_percent_of_lawful_messages_blocked():
    assert len(REPORT.allow_blocked) / REPORT.allow_total <= 0.03, REPORT.allow_blocked
