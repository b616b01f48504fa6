# Pinned: a rebuild gets the same Python and (requirements.lock) the same packages.
FROM python:3.12.10-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 ledelsesrum
WORKDIR /app

COPY pyproject.toml README.md requirements.lock ./
RUN pip install --no-cache-dir -c requirements.lock -e .
# .dockerignore keeps .env, .venv, the SQLite files and media out.
COPY . .
RUN python manage.py compilemessages --locale da --ignore ".venv/*" \
    && STATIC_MANIFEST=1 python manage.py collectstatic --no-input -v0 \
    && mkdir -p /app/media && chown ledelsesrum /app/media

USER ledelsesrum
EXPOSE 8000
CMD ["gunicorn", "nyborg_ledelse.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
