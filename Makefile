# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
CHECKOV_VENV := .venv-checkov
CHECKOV_STAMP := $(CHECKOV_VENV)/.installed-stamp
DDB_PORT ?= 8001
API_PORT ?= 8000
PSP_PORT ?= 8002
# Two workers (CI and the developers' machines have 2 cores): the suite shares one DynamoDB Local
# and every test makes its own tenant and tables' prefix, so workers do not collide.
PYTEST_ARGS ?= -n 2
export DDB_PORT API_PORT PSP_PORT

.PHONY: run test bench package audit lint clean

$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml verifier/pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e ./verifier -e .
	$(PY) -m devtools.dynamodb_local install
	$(PY) -m devtools.browser install
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m devtools.stack

$(CHECKOV_STAMP): requirements-checkov.txt constraints-checkov.txt
	test -x $(CHECKOV_VENV)/bin/python || $(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-checkov.txt -c constraints-checkov.txt
	touch $(CHECKOV_STAMP)

test: $(STAMP) $(CHECKOV_STAMP)
	$(PY) -m devtools.dynamodb_local exec -- $(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) -m devtools.dynamodb_local exec -- $(PY) -m bench

package: $(STAMP)
	$(PY) -m devtools.package build/package

# pip-audit over every pin file; needs a vulnerability source (PyPI's API, or AL_AUDIT_OSV_URL).
audit: $(STAMP)
	$(PY) -m devtools.audit

clean:
	rm -rf $(VENV) $(CHECKOV_VENV) .cache build vendor
