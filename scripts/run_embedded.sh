#!/usr/bin/env bash
# Serves the embedded default: the web server plus the in-process scheduler for periodic background work.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
$PY manage.py runbackground &
BG=$!
trap 'kill $BG 2>/dev/null || true' EXIT INT TERM
$PY manage.py runserver 127.0.0.1:8000 --noreload
