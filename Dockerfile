# Production image: gunicorn serves the web app; the same image runs the Celery worker and beat (docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin cx
WORKDIR /app

COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY --chown=cx:cx . .
RUN mkdir -p /app/media /app/staticfiles && chown -R cx:cx /app
USER cx

# Static files are collected (and compressed, with a manifest) at build time; the key is a throwaway.
RUN SECRET_KEY=build-only-throwaway-key-not-used-at-run-time-0123456789abcdef DEBUG=0 ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput -v 0

EXPOSE 8000
# Health checks live in docker-compose.yml per service (worker and beat run this image without a web server).
CMD ["gunicorn", "cx_platform.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", \
     "--forwarded-allow-ips", "*"]
# One JSON line per request comes from the app (cx.request: method, path, status, duration, user), so gunicorn's
# own access log stays off.
