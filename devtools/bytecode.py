"""Ship the Lambda zip's modules compiled: `/var/task` is read-only, so a zip of sources alone is
compiled again by every cold start and never cached.

    python -X no_debug_ranges -m devtools.bytecode build/package/deployment.zip python3.11

Rewrites the zip in place: every module gets `__pycache__/<name>.cpython-311.pyc` next to its
source (where the import system looks first), and the subpackages listed in PRUNED are left out.

- Unchecked-hash pycs (PEP 552): the runtime loads them without a timestamp or hash check. A zip's
  timestamps are local times at 2-second resolution, so timestamp pycs could be judged stale, and a
  checked hash would read and hash every source again on each cold start; in `/var/task` a source
  never changes after the pyc was built from it in this very step.
- Compiled under `-X no_debug_ranges` (PEP 657 column ranges left out): a quarter smaller, and
  tracebacks keep their line numbers (only the `^^^` carets go).
- The sources stay in the zip, for tracebacks and for the tests that read them.
"""
from __future__ import annotations

import importlib.util
import marshal
import os
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Iterable

# Parts of dependencies that nothing in the app imports at run time (tests/integration/test_infra.py
# runs requests and the crypto from the extracted zip): left in, they would only fill the 8 MB.
PRUNED = (
    # Powertools: the app uses its Logger only; the event handler carries a Swagger UI (0.5 MB).
    "aws_lambda_powertools/event_handler/",
    # cffi's Python side and its C parser build bindings; at run time cryptography loads the
    # compiled `_cffi_backend` extension (kept) from its own Rust module.
    "cffi/",
    "pycparser/",
    # jsonschema's own test suite (0.1 MB zipped): the app validates, it does not test jsonschema.
    "jsonschema/tests/",
)
# The app's own documentation (the guards' README and its measurement log, 0.18 MB zipped) is read
# by people in the repository; no code opens it.
DOCS_OF_THE_APP = "chalicelib/"
DOC_SUFFIX = ".md"
# Of Powertools' utilities, the Logger imports these (jmespath_utils at import, typing for hints).
PRUNED_EXCEPT = {
    "aws_lambda_powertools/utilities/": ("aws_lambda_powertools/utilities/__init__.py",
                                         "aws_lambda_powertools/utilities/jmespath_utils/",
                                         "aws_lambda_powertools/utilities/typing/"),
}
_UNCHECKED_HASH = 0b01  # PEP 552 flags: hash-based, source not checked


def pruned(name: str) -> bool:
    if name.startswith(PRUNED):
        return True
    if name.startswith(DOCS_OF_THE_APP) and name.endswith(DOC_SUFFIX):
        return True
    return any(name.startswith(prefix) and not name.startswith(keep) for prefix, keep in PRUNED_EXCEPT.items())


def pyc_name(source: str) -> str:
    folder, _, file = source.rpartition("/")
    tag = sys.implementation.cache_tag  # e.g. cpython-311: the name the runtime's importer looks for
    return f"{folder}/__pycache__/{file[:-3]}.{tag}.pyc" if folder else f"__pycache__/{file[:-3]}.{tag}.pyc"


def pyc_bytes(source: bytes, name: str) -> bytes:
    code = compile(source, name, "exec", dont_inherit=True, optimize=0)
    return (importlib.util.MAGIC_NUMBER + _UNCHECKED_HASH.to_bytes(4, "little")
            + importlib.util.source_hash(source) + marshal.dumps(code))


def compile_zip(path: str, runtime: str) -> dict:
    """Rewrite the zip at `path` with bytecode for `runtime` (e.g. "python3.11"), which must be the
    version of this interpreter: a pyc is loaded only by the version whose magic number it holds."""
    here = f"python{sys.version_info.major}.{sys.version_info.minor}"
    if runtime != here:
        raise SystemExit(f"the Lambda runtime is {runtime} but this interpreter is {here}: "
                         "compile with the runtime's Python version")
    if sys.flags.optimize:
        raise SystemExit("compile without -O: the runtime imports plain .pyc, with asserts and docstrings")
    if next(compile("x", "", "eval").co_positions())[2] is not None:
        raise SystemExit("run under -X no_debug_ranges (see the module's docstring)")
    stats = {"compiled": 0, "pruned": 0, "skipped": []}
    fd, tmp = tempfile.mkstemp(suffix=".zip", dir=os.path.dirname(os.path.abspath(path)))
    os.close(fd)
    try:
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
            names = set(src.namelist())
            for info in src.infolist():
                if pruned(info.filename):
                    stats["pruned"] += 1
                    continue
                data = src.read(info)
                out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
                if not info.filename.endswith(".py") or pyc_name(info.filename) in names:
                    continue
                try:
                    pyc = pyc_bytes(data, info.filename)
                except SyntaxError:  # not a module of this Python (templates, other versions' files)
                    stats["skipped"].append(info.filename)
                    continue
                entry = zipfile.ZipInfo(pyc_name(info.filename), info.date_time)
                entry.external_attr = info.external_attr
                out.writestr(entry, pyc, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
                stats["compiled"] += 1
        shutil.move(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return stats


def sources_without_pyc(names: Iterable[str]) -> list[str]:
    """Sources of the zip with no bytecode next to them (the package test wants none)."""
    names = set(names)
    return sorted(n for n in names if n.endswith(".py") and pyc_name(n) not in names)


def main(argv: list[str]) -> int:
    path, runtime = argv
    stats = compile_zip(path, runtime)
    print(f"{path}: {stats['compiled']} modules compiled, {stats['pruned']} files pruned"
          + (f", {len(stats['skipped'])} not compilable: {', '.join(stats['skipped'])}" if stats["skipped"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
