"""Build the deployment artefacts: bundle the JSON Schemas into chalicelib, then
`chalice package --merge-template infra/resources.json` into OUT (SAM template + zip), then
compile the zip's modules for the functions' runtime (devtools/bytecode.py).

    python -m devtools.package build/package [--stage dev]
"""
from __future__ import annotations

import argparse
import json
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
    zip_path = out / "deployment.zip"
    compile_bytecode(zip_path, runtime_of(out / "sam.json"))
    return zip_path


def runtime_of(sam: Path) -> str:
    """The one Python runtime of the template's functions (bytecode is per Python version)."""
    resources = json.loads(sam.read_text())["Resources"].values()
    runtimes = {r["Properties"]["Runtime"] for r in resources if r["Type"] == "AWS::Serverless::Function"}
    if len(runtimes) != 1:
        raise SystemExit(f"expected one Lambda runtime, found {sorted(runtimes)}")
    return runtimes.pop()


def compile_bytecode(zip_path: Path, runtime: str) -> None:
    # a child interpreter: column tables are left out only under -X no_debug_ranges
    subprocess.run([sys.executable, "-X", "no_debug_ranges", "-m", "devtools.bytecode", str(zip_path), runtime],
                   cwd=ROOT, check=True)


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
