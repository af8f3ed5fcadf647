# The team's vocabulary. `make run` and `make test` are all a newcomer needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: fuzz help install install-test run migrate demo test pytest lint format \
        migrations-check messages reset-local-db contract check-deploy clean \
        bench-photos serve-prod

help:
	@echo "make run               cài đặt, nạp dữ liệu mẫu và chạy tại http://$(HOST):$(PORT)/"
	@echo "make serve-prod        chạy như môi trường thật (gunicorn, WhiteNoise) tại http://$(HOST):$(PORT)/"
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

# The production stack on loopback, for trying it locally: collectstatic, migrate,
# gunicorn with gunicorn.conf.py. Debug off; plain HTTP, so DJANGO_SECURE=0 (in
# production the HTTPS settings stay on and the admin login needs HTTPS).
serve-prod: install
	@set -e; \
	if [ -z "$$DJANGO_SECRET_KEY" ]; then \
		DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))'); \
		echo "DJANGO_SECRET_KEY not set: generated one for this run (sessions end with it)"; \
	fi; \
	export DJANGO_SECRET_KEY; unset DJANGO_DEBUG; \
	export DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}; \
	export DJANGO_SECURE=$${DJANGO_SECURE:-0} DJANGO_SECURE_SSL_REDIRECT=0; \
	$(MANAGE) collectstatic --noinput -v 0; \
	$(MANAGE) migrate --noinput -v 0; \
	echo "Media files are in $$($(MANAGE) shell -v 0 -c 'from django.conf import settings; print(settings.MEDIA_ROOT)')"; \
	echo "Django does not serve /media/: a front web server must (docs/deploy.md)."; \
	echo "http://$(HOST):$(PORT)/"; \
	PORT=$(HOST):$(PORT) exec $(VENV)/bin/gunicorn -c gunicorn.conf.py

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

# A longer walk of every public URL with generated input (the suite runs 150 examples).
fuzz: install-test
	NGT_FUZZ_EXAMPLES=5000 $(VENV)/bin/pytest -q tests/ngt_portal/test_fuzz_urls.py
