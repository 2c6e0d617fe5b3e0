# Every target creates the virtual environment it needs; a fresh machine needs only Python 3.11+.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test bench lint format migrate data superuser clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

data: migrate
	$(PY) manage.py load_geodata
	$(PY) manage.py load_actors
	$(PY) manage.py load_people
	$(PY) manage.py load_demo --ucdp

run: data
	@echo ""
	@echo "Serving on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "Create a staff login with:  $(PY) manage.py createsuperuser"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

# The site as production runs it: gunicorn (gunicorn.conf.py) with WhiteNoise serving static files.
serve: data
	$(PY) manage.py collectstatic --noinput
	$(VENV)/bin/gunicorn -c gunicorn.conf.py

# Benchmarks against PostgreSQL at 127.0.0.1:5432 (see docs/benchmarks.md); BENCH_ARGS passes options.
bench: $(VENV)/.installed-dev
	$(PY) -m benchmarks.run $(BENCH_ARGS)

superuser: migrate
	$(PY) manage.py createsuperuser

# The whole suite; DATABASE_URL chooses the database (unset: SQLite).
test: $(VENV)/.installed-dev
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 db.sqlite3-*
