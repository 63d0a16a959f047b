"""The debtor's journey in a real headless Chromium (Debian's chromium + chromedriver, driven by
Selenium) against `make run`'s stack (DynamoDB Local, chalice local, the integrator, the PayZen
simulator): open the link, verify, contest with a PDF, propose and accept a plan, pay on the
simulator; axe-core on every page (no serious or critical violation); screenshots at 360 and
1280 px in build/test-artifacts/portal/; then the chain holds each act with the debtor as actor
and verifies offline, against the signed checkpoint with the pinned key."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
import requests

from devtools import browser
from devtools.dynamodb_local import free_port
from tests.e2e.test_make_run import start, stop
from tests.portal_support import PDF
from tests.support import case_body

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "build" / "test-artifacts" / "portal"
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    data = tmp_path_factory.mktemp("portal-stack")
    env = {**os.environ, "AL_DATA_DIR": str(data / "data"), "DDB_PORT": str(free_port()),
           "API_PORT": str(free_port()), "PSP_PORT": str(free_port()), "AL_TABLE_PREFIX": "portaltest-",
           "AL_AUTH_FAILURES_PER_MINUTE": "1000000"}
    env.pop("AL_DYNAMODB_ENDPOINT", None)
    proc, base, out = start(env)
    try:
        keys = dict(re.findall(r"^\s+(collector|auditor|dpo|admin)\s+(alk\.\S+)$", out, re.M))
        yield {"base": base, "keys": keys, "env": env, "data": data / "data"}
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, chromedriver = browser.ensure_chromium()
    options = webdriver.ChromeOptions()
    options.binary_location = str(chromium)
    for flag in browser.CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument("--window-size=1280,900")
    drv = webdriver.Chrome(service=Service(str(chromedriver)), options=options)
    drv.set_page_load_timeout(60)
    drv.set_script_timeout(60)
    try:
        yield drv
    finally:
        drv.quit()


class Audit:
    """axe-core on the current page, and its screenshots at 360 and 1280 px."""

    def __init__(self, driver):
        self.driver, self.axe = driver, browser.ensure_axe().read_text(encoding="utf-8")
        self.pages: list[str] = []
        ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def violations(self) -> list:
        drv = self.driver
        drv.execute_script(self.axe)
        result = drv.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations))"
            ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));")
        return [(v["id"], v["impact"], v["help"], [n.get("target") for n in v["nodes"]][:3])
                for v in result if v.get("impact") in ("serious", "critical")]

    def __call__(self, name: str) -> None:
        drv = self.driver
        for width, height in ((360, 800), (1280, 900)):
            drv.set_window_size(width, height)
            time.sleep(0.2)
            bad = self.violations()  # at each width: a narrow layout has its own problems
            assert bad == [], f"{name} at {width}px: {bad}"
            # at 360 px nothing may force a horizontal scroll of the page itself
            if width == 360:
                overflow = drv.execute_script("return document.documentElement.scrollWidth")
                assert overflow <= 360, f"{name}: {overflow}px wide at 360 px"
            drv.save_screenshot(str(ARTIFACTS / f"{len(self.pages) + 1:02d}-{name}-{width}.png"))
        self.pages.append(name)


def _api(stack, method, path, role="collector", body=None):
    headers = {"Authorization": f"Bearer {stack['keys'][role]}", "Content-Type": "application/json"}
    resp = requests.request(method, stack["base"] + path, headers=headers, timeout=60,
                            data=json.dumps(body) if body is not None else None)
    return resp


def _testid(driver, testid):
    from selenium.webdriver.common.by import By

    return _eventually(lambda: driver.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]')) \
        or driver.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]')


def _eventually(check, timeout=15.0):
    """The value of ``check()`` once it is truthy. A click returns before the page it submits
    has loaded; on a loaded machine that takes a while, so the next read waits for it."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = check()
        except Exception:   # the element is not on the page yet, or the page is being replaced
            value = None
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def _switch_language(driver, label, check, timeout=45.0):
    """Click the language link until the page reads in that language. On a loaded machine the
    click can land while the page it belongs to is still being replaced, and be lost."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            driver.find_element("link text", label).click()
        except Exception:    # gone: the page already switched, or is loading
            pass
        value = _eventually(check, timeout=5.0)
        if value or time.monotonic() > deadline:
            return value


def _link(driver, text):
    from selenium.webdriver.common.by import By

    return _eventually(lambda: driver.find_element(By.LINK_TEXT, text)) or driver.find_element(By.LINK_TEXT, text)


def test_debtor_journey_in_chromium(stack, driver, tmp_path):
    from selenium.webdriver.support.ui import Select

    audit = Audit(driver)
    body = case_body(collector={"kind": "agency", "name": "Recouvra SAS"},
                     creditor={"kind": "energy", "name": "Énergie Durand SA"})
    case_id = _api(stack, "POST", "/v1/cases", body=body).json()["case_id"]
    assert _api(stack, "POST", f"/v1/cases/{case_id}/events", body={
        "type": "mandate.recorded", "occurred_at": "2026-11-01T09:00:00Z",
        "data": {"creditor_kind": "energy", "creditor_name": "Énergie Durand SA", "signed_on": "2026-10-01"}}).status_code == 201
    link = _api(stack, "POST", f"/v1/cases/{case_id}/portal-links", body={"expires_in_days": 14}).json()
    assert link["url"].startswith(stack["base"] + "/portal/")

    # open the link, one wrong answer, then the right one
    driver.get(link["url"])
    audit("verify")
    _testid(driver, "verify-invoice").send_keys("F-0000")
    _testid(driver, "verify-submit").click()
    assert _eventually(lambda: "ne correspond pas" in driver.page_source)
    audit("verify-wrong")
    _testid(driver, "verify-invoice").send_keys("F-1001")
    _testid(driver, "verify-submit").click()
    assert _eventually(lambda: _testid(driver, "summary-outstanding").text == "750,00 €")  # U+00A0 reads as a space
    audit("summary")
    assert _switch_language(driver, "English", lambda: _testid(driver, "summary-outstanding").text == "€750.00")
    audit("summary-en")
    assert _switch_language(driver, "Français", lambda: _testid(driver, "summary-outstanding").text == "750,00 €")

    # contest with a PDF
    _link(driver, "Je conteste").click()
    audit("contest")
    Select(_testid(driver, "dispute-reason")).select_by_value("wrong_amount")
    _testid(driver, "dispute-text").send_keys("La facture F-1002 ne correspond à aucune livraison.")
    pdf = tmp_path / "justificatif.pdf"
    pdf.write_bytes(PDF)
    _testid(driver, "dispute-document").send_keys(str(pdf))
    _testid(driver, "dispute-submit").click()
    assert _eventually(lambda: _testid(driver, "done").text.startswith("Votre contestation est enregistrée"))
    audit("contest-done")
    # the collector answers the dispute (while it is open the portal asks for nothing)
    assert _api(stack, "POST", f"/v1/cases/{case_id}/events", body={
        "type": "dispute.resolved", "occurred_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60)),
        "data": {"outcome": "Livraison confirmée par le transporteur."}}).status_code == 201

    # propose a plan within the policy, then accept it
    _link(driver, "Retour au dossier").click()
    _link(driver, "Je propose un échéancier").click()
    audit("plan")
    _testid(driver, "plan-count").send_keys("3")
    first_due = (date.today() + timedelta(days=10)).isoformat()
    driver.execute_script("arguments[0].value = arguments[1]", _testid(driver, "plan-first-due"), first_due)
    _testid(driver, "plan-submit").click()
    assert _eventually(lambda: "Mensualité 3 : 250,00" in _testid(driver, "plan-terms").text)
    audit("plan-accept")
    _testid(driver, "plan-consent").click()
    _testid(driver, "plan-accept").click()
    assert _eventually(lambda: _testid(driver, "done").text.startswith("Votre accord est enregistré"))
    audit("plan-done")

    # pay on the simulator and come back
    _link(driver, "Retour au dossier").click()
    audit("summary-with-plan")
    _testid(driver, "pay-button").click()
    # the click returns before the form's redirect lands; on a loaded machine that takes a while
    psp = f"http://127.0.0.1:{stack['env']['PSP_PORT']}/"
    assert _eventually(lambda: driver.current_url.startswith(psp)), driver.current_url
    _testid(driver, "psp-pay").click()
    assert _eventually(lambda: driver.current_url.startswith(link["url"] + "/payment-return")), driver.current_url
    assert _eventually(lambda: _testid(driver, "done").text == "Votre paiement est accepté. Merci.")
    audit("payment-return")
    assert len(audit.pages) == 11

    # the collector sees each act in the timeline, the debtor as actor
    events = _api(stack, "GET", f"/v1/cases/{case_id}/events").json()["events"]
    by_type = {e["type"]: e for e in events}
    link_actor = {"role": "debtor", "via": "portal", "link_id": link["link_id"]}
    assert by_type["dispute.opened"]["actor"] == link_actor
    assert by_type["dispute.opened"]["data"]["document"]["size_bytes"] == len(PDF)
    assert by_type["agreement.signed"]["actor"] == link_actor
    assert by_type["agreement.signed"]["data"]["acceptance"]["link_id"] == link["link_id"]
    assert by_type["payment.received"]["data"]["amount_cents"] == 75000
    assert by_type["portal.link.issued"]["data"]["link_id"] == link["link_id"]
    state = _api(stack, "GET", f"/v1/cases/{case_id}").json()
    assert state["outstanding_cents"] == 0

    # and the chain verifies offline, with the auditor's own tool
    journal = _api(stack, "GET", f"/v1/audit/cases/{case_id}/journal", role="auditor")
    path = tmp_path / "journal.ndjson"
    path.write_bytes(journal.content)
    report = subprocess.run([str(Path(sys.executable).parent / "ledger-verify"), str(path)],
                            capture_output=True, text=True)
    assert report.returncode == 0, report.stdout + report.stderr
    assert json.loads(report.stdout)["cases"][case_id]["events"] == len(events)
    # ... and against the signed log: the background integrator takes every act into the
    # tenant's transparency log; the case bundle verifies with the pinned key and its proofs
    deadline = time.monotonic() + 60
    while True:
        latest = _api(stack, "GET", "/v1/audit/checkpoints/latest", role="auditor")
        if latest.status_code == 200 and latest.json()["tree_size"] >= len(events):
            break
        assert time.monotonic() < deadline, "the integrator did not sign the portal's records"
        time.sleep(0.5)
    pinned = tmp_path / "pinned.pub"
    pinned.write_text(_api(stack, "GET", "/v1/audit/checkpoint-key", role="auditor").json()["verifier_key"] + "\n")
    env = {**os.environ, **dict(line.split("=", 1) for line in (stack["data"] / "stack.env").read_text().splitlines())}
    bundle = tmp_path / "bundle"
    subprocess.run([str(Path(sys.executable).parent / "ledger"), "export", "--tenant", "demo", "--case", case_id,
                    "--out", str(bundle)], env=env, cwd=ROOT, check=True, capture_output=True)
    anchored = subprocess.run([str(Path(sys.executable).parent / "ledger-verify"), str(bundle / "journal.ndjson"),
                               "--checkpoint", str(bundle / "checkpoint.note"), "--public-key", str(pinned),
                               "--proofs", str(bundle / "proofs.json")], capture_output=True, text=True)
    assert anchored.returncode == 0, anchored.stdout + anchored.stderr
    assert json.loads(anchored.stdout)["anchored"] is True
