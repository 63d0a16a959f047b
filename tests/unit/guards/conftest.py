"""Make the repository root and this folder's helpers importable whatever pytest's import mode."""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
for p in (str(ROOT), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)


def pytest_terminal_summary(terminalreporter):
    """`make test` shows the guards' per-rule recall and precision over the labelled corpus."""
    from guards_corpus_eval import evaluate

    terminalreporter.section("legality guards: labelled corpus")
    terminalreporter.write_line(evaluate().table)
