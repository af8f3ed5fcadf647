# The team's vocabulary. `make run` and `make test` are all a newcomer needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: fuzz help install install-test run migrate demo test test-fast pytest lint format \
        migrations-check messages reset-local-db contract check-deploy clean \
        bench-photos serve-prod fault-db fault-cache drill

help:
	@echo "make run               cài đặt, nạp dữ liệu mẫu và chạy tại http://$(HOST):$(PORT)/"
	@echo "make serve-prod        chạy như môi trường thật (gunicorn, WhiteNoise) tại http://$(HOST):$(PORT)/"
	@echo "make test              kiểm tra mã, migration, bản dịch và chạy toàn bộ bộ kiểm thử"
	@echo "make test-fast         như make test, trừ các kiểm thử khởi động máy chủ thật và trình duyệt"
	@echo "make lint | format     ruff và djhtml"
	@echo "make messages          cập nhật và biên dịch bản dịch tiếng Việt (cần gettext)"
	@echo "make reset-local-db    xoá cơ sở dữ liệu SQLite cục bộ và nạp lại dữ liệu mẫu"
	@echo "make bench | soak      đo tốc độ và tải kéo dài trên máy chủ thật (docs/benchmarks.md, docs/reliability.md)"
	@echo "make bench-profile     CPU của một lượt tải bài viết có 30 ảnh, trong một tiến trình (PROFILE_CASE=hit|fragments|cold)"
	@echo "make fault-db | fault-cache   diễn tập sự cố cơ sở dữ liệu / Redis dưới tải"
	@echo "make drill             năm sự cố dưới tải trên máy chủ thật, in một bảng (docs/reliability.md)"
	@echo "make backup | restore ARCHIVE=…   sao lưu và khôi phục (docs/operations.md)"

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

# Everything but the tests that start real servers or a browser (marker `server`).
test-fast: install-test lint migrations-check
	$(VENV)/bin/pytest -n auto -m "not server" $(PYTEST_ARGS)

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
		--ignore '.venv/*' --ignore 'tests/*' --ignore 'core/django_vi/*'
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
	NGT_FUZZ_EXAMPLES=5000 $(VENV)/bin/pytest -q tests/pages/test_fuzz_urls.py

# Backups (docs/operations.md). `make backup` writes an archive to BACKUP_DIR;
# `make restore ARCHIVE=… [FORCE=1]` brings one back. pg_dump is installed when the
# database is PostgreSQL and it is missing.
BACKUP_DIR ?= artifacts/backups
.PHONY: backup restore verify-backup
backup: install
	@case "$$DATABASE_URL" in postgres*) command -v pg_dump >/dev/null || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client);; esac
	mkdir -p $(BACKUP_DIR)
	$(MANAGE) backup $(BACKUP_DIR)

restore: install
	@test -n "$(ARCHIVE)" || { echo "Dùng: make restore ARCHIVE=tệp-sao-lưu.tar [FORCE=1]"; exit 2; }
	@case "$$DATABASE_URL" in postgres*) command -v pg_restore >/dev/null || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client);; esac
	$(MANAGE) restore $(if $(FORCE),--force) "$(ARCHIVE)"

verify-backup: install
	@test -n "$(ARCHIVE)" || { echo "Dùng: make verify-backup ARCHIVE=tệp-sao-lưu.tar"; exit 2; }
	$(MANAGE) verify_backup "$(ARCHIVE)"

# The database outage drill (tests/reliability): a private PostgreSQL server is stopped
# and started under load; prints the answers by status and the recovery in seconds.
# Needs root; never touches the PostgreSQL server on port 5432.
fault-db: install-test
	command -v pg_createcluster >/dev/null || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null)
	NGT_FAULT_DB=1 NGT_FAULT_OUTAGE_SECONDS=5 $(VENV)/bin/pytest -s -q -p no:cacheprovider \
		tests/reliability/test_database_outage.py -k outage_under_load

# The cache outage drill: a private Redis server is stopped and started under load;
# pages must keep answering 200 and the page cache come back by itself.
fault-cache: install-test
	NGT_FAULT_OUTAGE_SECONDS=4 $(VENV)/bin/pytest -s -q -p no:cacheprovider tests/reliability/test_cache_outage.py

# Five outages under load on the production stack (gunicorn, 2 workers, a private
# PostgreSQL server and a private Redis): the database stopped, a table locked, Redis
# frozen around a save, the media disk full, workers killed mid-upload. Prints one
# table and exits 1 on a 5xx other than 503, a stale page, an orphan file or a row
# naming a missing file. Needs root; about three minutes; not part of `make test`.
drill: install-test
	command -v pg_createcluster >/dev/null || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null)
	command -v redis-server >/dev/null || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null)
	$(PY) -m tests.reliability.drill

# Requests per second of the public pages on the production stack (gunicorn, 2
# workers, PostgreSQL and Redis), page cache on and off, against a static file of the
# same size; then the publish storm (an editor changing content every
# BENCH_EDITOR_INTERVAL seconds under load), the sitemap's sections and the admin
# pages signed in, BENCH_ADMIN_REQUESTS requests each; one table of the targets at
# the end. The tables go into docs/benchmarks.md. Not part of `make test` (its
# smoke test is). The data is built when the database has fewer articles than asked.
# `make bench SERVER=granian` measures granian instead, for comparison.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/ngt_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/2
BENCH_ARTICLES ?= 100000
BENCH_SECONDS ?= 10
BENCH_WARMUP ?= 2
BENCH_CONNECTIONS ?= 16
BENCH_WORKERS ?= 2
BENCH_GROWTH ?= 1000,10000,100000
BENCH_EDITOR_INTERVAL ?= 3
BENCH_ADMIN_REQUESTS ?= 10
SERVER ?= gunicorn
GRANIAN_VERSION := 2.8.7
SOAK_SECONDS ?= 300
SOAK_CONNECTIONS ?= 32
BENCH_ARGS = --database-url '$(BENCH_DATABASE_URL)' --redis-url '$(BENCH_REDIS_URL)' \
	--workers $(BENCH_WORKERS) --server $(SERVER)

.PHONY: bench bench-growth soak bench-tools
bench-tools: install
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	@if [ "$(SERVER)" = granian ] && [ ! -x $(VENV)/bin/granian ]; then \
		$(PY) -m pip install --quiet granian==$(GRANIAN_VERSION); fi

bench: bench-tools
	$(PY) -m tests.bench.bench_pages $(BENCH_ARGS) --articles $(BENCH_ARTICLES) \
		--seconds $(BENCH_SECONDS) --warmup $(BENCH_WARMUP) --connections $(BENCH_CONNECTIONS) \
		--editor-interval $(BENCH_EDITOR_INTERVAL) --admin-requests $(BENCH_ADMIN_REQUESTS)

# The same table at 1,000, 10,000 and 100,000 articles, the data rebuilt for each.
bench-growth: bench-tools
	$(PY) -m tests.bench.bench_pages $(BENCH_ARGS) --growth $(BENCH_GROWTH) \
		--seconds $(BENCH_SECONDS) --warmup $(BENCH_WARMUP) --connections $(BENCH_CONNECTIONS)

# Mixed traffic for SOAK_SECONDS (5 minutes) at 32 connections: no error, no worker
# restarted, worker memory growth under 10 %; the summary goes into docs/reliability.md.
soak: bench-tools
	$(PY) -m tests.bench.soak $(BENCH_ARGS) --articles $(BENCH_ARTICLES) \
		--seconds $(SOAK_SECONDS) --connections $(SOAK_CONNECTIONS)

# The CPU of one request of the benchmark's gallery article, in one process:
# PROFILE_CASE=hit|fragments|cold, PROFILE=cumulative|tottime for cProfile's table.
PROFILE_CASE ?= fragments
.PHONY: bench-profile
bench-profile: install
	$(PY) -m tests.bench.profile_page --database-url '$(BENCH_DATABASE_URL)' \
		--redis-url '$(BENCH_REDIS_URL)' --case $(PROFILE_CASE) \
		$(if $(PROFILE),--profile $(PROFILE))

# Years of content in the benchmark database (BENCH_DATABASE_URL, never the site's),
# replacing what is there, then the query plan of every public page
# (docs/query-plans.md). A PostgreSQL database that does not exist yet is created
# first (no psql needed).
.PHONY: bench-data
bench-data: install
	$(PY) -c "from tests.bench.stack import ensure_database; ensure_database('$(BENCH_DATABASE_URL)')"
	DATABASE_URL='$(BENCH_DATABASE_URL)' $(MANAGE) migrate --noinput
	DATABASE_URL='$(BENCH_DATABASE_URL)' $(MANAGE) make_bench_data --reset \
		--articles 100000 --meetings 2000 --photos 30
	DATABASE_URL='$(BENCH_DATABASE_URL)' $(MANAGE) explain_pages
