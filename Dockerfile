# Backend image: Wagtail CMS + API served by gunicorn.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=cms.settings.production
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY cms cms
COPY api api
COPY search search
COPY manage.py ./
RUN pip install --no-cache-dir . && useradd --create-home app && mkdir -p /app/var /app/media /app/static \
    && chown -R app /app
USER app
# collectstatic touches neither the database nor Redis; production settings only need them named.
RUN DJANGO_SECRET_KEY=collectstatic DATABASE_URL=sqlite:////tmp/unused.sqlite3 REDIS_URL=redis://unused:6379/0 \
    python manage.py collectstatic --noinput -v0
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && gunicorn cms.wsgi:application --bind 0.0.0.0:8000 --workers 3"]
