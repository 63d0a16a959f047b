"""The browser tests' tools, installed by the project itself: Debian's `chromium` and
`chromium-driver` (apt-get, skipped when /usr/bin/chromium and /usr/bin/chromedriver exist)
and axe-core from its npm package (like DynamoDB Local, cached under .cache/).

    python -m devtools.browser install
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
AXE_PACKAGE = "axe-core@4.14.1"
CACHE = ROOT / ".cache" / "axe-core"
AXE_JS = CACHE / "node_modules" / "axe-core" / "axe.min.js"

# The machine's network is closed: without these Chromium waits on background connections
# (updates, sync, QUIC probes) and a page load can hang.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage")


def ensure_chromium() -> tuple[Path, Path]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        print("chromium/chromedriver not found: installing Debian's chromium and chromium-driver with apt-get",
              file=sys.stderr)
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(sudo + ["apt-get", "update", "-q"], check=True, env=env)
        subprocess.run(sudo + ["apt-get", "install", "-y", "-q", "chromium", "chromium-driver"], check=True, env=env)
    return CHROMIUM, CHROMEDRIVER


def ensure_axe() -> Path:
    if not AXE_JS.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        print(f"fetching {AXE_PACKAGE} with npm", file=sys.stderr)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", str(CACHE),
                        AXE_PACKAGE], check=True)
    if not AXE_JS.exists():
        raise SystemExit("axe.min.js not found in the npm package")
    return AXE_JS


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args != ["install"]:
        print(__doc__, file=sys.stderr)
        return 2
    ensure_chromium()
    ensure_axe()
    return 0


if __name__ == "__main__":
    sys.exit(main())
