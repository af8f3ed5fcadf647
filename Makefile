# The team's vocabulary. `make run` and `make test` are all a newcomer needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install install-test run migrate demo test pytest lint format \
        migrations-check messages reset-local-db contract check-deploy clean \
        bench-photos

help:
	@echo "make run               cài đặt, nạp dữ liệu mẫu và chạy tại http://$(HOST):$(PORT)/"
	@echo "make test              kiểm tra mã, migration, bản dịch và chạy toàn bộ bộ kiểm thử"
	@echo "make lint | format     ruff và djhtml"
	@echo "make messages          cập nhật và biên dịch bản dịch tiếng Việt (cần gettext)"
	@echo "make reset-local-db    xoá cơ sở dữ liệu SQLite cục bộ và nạp lại dữ liệu mẫu"

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/activate
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(VENV)/bin/activate
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

run: demo
	$(MANAGE) demo_admin
	DJANGO_DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

test: install-test lint migrations-check pytest

pytest: install-test
	$(VENV)/bin/pytest -n auto $(PYTEST_ARGS)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

migrations-check: install-test
	$(MANAGE) makemigrations --check --dry-run

messages: install
	$(MANAGE) makemessages --locale vi --no-obsolete \
		--ignore '.venv/*' --ignore 'tests/*' --ignore 'ngt_portal/django_vi/*'
	$(MANAGE) compilemessages --locale vi --ignore '.venv/*'

reset-local-db: install
	rm -f db.sqlite3
	$(MAKE) demo

# Not part of `make test`: seconds and memory per photo, for docs/benchmarks.md.
bench-photos: install
	$(PY) -m tests.bench.bench_photos --count 50

contract: install
	$(MANAGE) shell -c "exec(open('../shared/tools/contract.py').read())"

check-deploy: install
	DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	DJANGO_ALLOWED_HOSTS=cdngt.example $(MANAGE) check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis staticfiles

# The browser tests alone, leaving a screenshot of each page they open in artifacts/.
.PHONY: screenshots
screenshots: install-test
	NGT_BROWSER_SCREENSHOTS=artifacts/screenshots $(VENV)/bin/pytest -m browser
