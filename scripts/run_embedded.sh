#!/usr/bin/env bash
# Serves the embedded default: the web server plus the in-process scheduler for periodic background work.
# HOST and PORT choose the address (default 127.0.0.1:8000), e.g. `PORT=8001 make run`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
export SITE_URL="${SITE_URL:-http://${HOST}:${PORT}}"
# runserver's "development server" banner is for people who might deploy it; this script is the embedded trial run.
export DJANGO_RUNSERVER_HIDE_WARNING=true
$PY manage.py runbackground &
BG=$!
trap 'kill $BG 2>/dev/null || true' EXIT INT TERM
echo "CX Platform: http://${HOST}:${PORT}/ (Strg+C beendet)"
$PY manage.py runserver "${HOST}:${PORT}" --noreload
