# The two commands of the README:
#   make run   — install, migrate, load demo data on first run, print demo logins, serve on 127.0.0.1:8000
#   make test  — install the test tools and run the whole suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
# Two test processes (pytest-xdist) for everything but the real-worker tests, which then run on their own: their
# Celery workers consume the one Redis queue and must not share the machine with a parallel half of the suite.
PYTEST_ARGS ?= -n 2

.PHONY: run test install install-dev lint messages clean

$(VENV)/.stamp-runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q -r requirements.txt
	touch $@

$(VENV)/.stamp-dev: $(VENV)/.stamp-runtime requirements-dev.txt
	$(PIP) install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.stamp-runtime
install-dev: $(VENV)/.stamp-dev

run: install
	$(PY) manage.py migrate --noinput
	SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" $(PY) manage.py seed_demo --if-empty
	PORT=$(PORT) ./scripts/run_embedded.sh

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS) -m "not worker"
	$(PY) -m pytest -m worker; status=$$?; [ $$status -eq 0 ] || [ $$status -eq 5 ]  # 5: none here (no Redis)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/bandit -q -r . -x ./.venv,./tests,./bench -lll

# Apps with their own catalogue (<app>/locale); everything else (templates/, cx_platform/, accounts/) goes to locale/.
LOCALE_APPS = $(patsubst %/locale,%,$(wildcard */locale))
NOT_PROJECT = $(LOCALE_APPS) .venv tests bench static staticfiles media scripts locale
messages: install-dev
	for app in $(LOCALE_APPS); do \
	  (cd $$app && PYTHONPATH=.. DJANGO_SETTINGS_MODULE=cx_platform.settings ../$(VENV)/bin/django-admin makemessages -l en --no-obsolete) || exit 1; \
	done
	$(PY) manage.py makemessages -l en --no-obsolete $(foreach d,$(NOT_PROJECT),--ignore=$(d)/*)
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache
