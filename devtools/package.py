"""Build the deployment artefacts: bundle the JSON Schemas into chalicelib, then
`chalice package --merge-template infra/resources.json` into OUT (SAM template + zip).

    python -m devtools.package build/package [--stage dev]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "chalicelib" / "_schemas"
# chalice puts vendor/'s contents at the top of the zip: the auditor's package travels there, so
# the Lambda hashes, chains and signs with the very code auditors install (verifier/).
VENDOR = ROOT / "vendor"


def bundle_schemas() -> None:
    """The Lambda zip holds app.py and chalicelib/ only, so the schemas travel inside it."""
    if BUNDLE.exists():
        shutil.rmtree(BUNDLE)
    shutil.copytree(ROOT / "schemas", BUNDLE, ignore=shutil.ignore_patterns("openapi.json"))


def vendor_verifier() -> None:
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    shutil.copytree(ROOT / "verifier" / "src" / "ledger_verify", VENDOR / "ledger_verify",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


def package(out: Path, stage: str = "dev") -> Path:
    bundle_schemas()
    vendor_verifier()
    if out.exists():
        shutil.rmtree(out)
    cmd = [str(Path(sys.executable).parent / "chalice"), "package", "--stage", stage]
    merge = ROOT / "infra" / "resources.json"
    if merge.exists():
        cmd += ["--merge-template", str(merge)]
    env = {**os.environ}
    env.setdefault("AWS_DEFAULT_REGION", "eu-west-3")  # only names the template's region
    subprocess.run(cmd + [str(out)], cwd=ROOT, check=True, env=env)
    return out / "deployment.zip"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--stage", default="dev")
    args = parser.parse_args()
    zip_path = package(args.out, args.stage)
    print(f"{zip_path}: {zip_path.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
