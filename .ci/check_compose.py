"""No Docker engine runs here, so check docker-compose.yml by reading it against the settings."""

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
settings_source = (ROOT / "nyborg_ledelse" / "settings.py").read_text()
read_by_settings = set(
    re.findall(r'(?:env\w*|os\.environ\.get|os\.environ)\(?\[?\s*"([A-Z_]+)"', settings_source)
)

problems = []
services = compose.get("services", {})
for needed in ["web", "worker", "beat", "db", "redis"]:
    if needed not in services:
        problems.append(f"service '{needed}' is missing")

web = services.get("web", {})
migrators = [name for name, s in services.items() if "migrate" in str(s.get("command", ""))]
if not migrators:
    problems.append("no service runs the migrations")
for name in ["web", "worker", "beat"]:
    depends_on = services.get(name, {}).get("depends_on", {})
    if name not in migrators and not any(
        isinstance(depends_on, dict)
        and depends_on.get(m, {}).get("condition") == "service_completed_successfully"
        for m in migrators
    ):
        problems.append(f"{name} may start before the migrations have run")
if "gunicorn" not in str(web.get("command", "")):
    problems.append("web does not run gunicorn")
if "TRUSTED_PROXY" not in compose.get("x-app", {}).get("environment", {}):
    problems.append("the app does not name its TLS proxy (TRUSTED_PROXY)")
if web.get("ports"):
    problems.append("web publishes a port: gunicorn must be reached only through the proxy")
if "/healthz" not in str(web.get("healthcheck", {}).get("test", "")):
    problems.append("web's health check does not ask /healthz")
if "inspect ping" not in str(services.get("worker", {}).get("healthcheck", {}).get("test", "")):
    problems.append("worker has no health check (celery inspect ping)")
if "worker" not in str(services.get("worker", {}).get("command", "")):
    problems.append("worker does not run a Celery worker")
if "beat" not in str(services.get("beat", {}).get("command", "")):
    problems.append("beat does not run Celery beat")

for name in ["web", "worker", "beat"]:
    environment = services.get(name, {}).get("environment", {})
    unknown = sorted(set(environment) - read_by_settings)
    if unknown:
        problems.append(f"{name} sets variables the settings never read: {unknown}")
    # HTTPS=1 refuses to start without the last five; the cache and proxy count keep the login
    # limits shared and per client.
    for required in [
        "SECRET_KEY",
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "ALLOWED_HOSTS",
        "HTTPS",
        "SITE_URL",
        "EMAIL_HOST",
        "DEFAULT_FROM_EMAIL",
        "MESSAGE_ID_DOMAIN",
        "CACHE_URL",
        "ALLAUTH_TRUSTED_PROXY_COUNT",
    ]:
        if required not in environment:
            problems.append(f"{name} does not set {required}")


def pinned(image: str) -> bool:
    # A full version (15.13, 3.12.10-slim-bookworm), not "latest" or a bare major version.
    tag = image.rpartition(":")[2] if ":" in image else "latest"
    return bool(re.match(r"\d+\.\d+", tag))


for name, service in services.items():
    if "build" not in service and not pinned(service.get("image", "")):
        problems.append(f"{name}'s image {service.get('image')!r} is not pinned to a version")

dockerfile = ROOT / "Dockerfile"
if not dockerfile.exists():
    problems.append("Dockerfile is missing")
else:
    text = dockerfile.read_text()
    base = re.search(r"^FROM\s+(\S+)", text, re.MULTILINE)
    if not base or not pinned(base.group(1)):
        problems.append("the Dockerfile's base image is not pinned to a version")
    if "-c requirements.lock" not in text:
        problems.append("the Dockerfile does not install with -c requirements.lock")

dockerignore = ROOT / ".dockerignore"
ignored = set(dockerignore.read_text().split()) if dockerignore.exists() else set()
for secret_or_local in [".env", ".venv", ".git", "db.sqlite3*", "media", "node_modules"]:
    if secret_or_local not in ignored:
        problems.append(f".dockerignore does not keep {secret_or_local} out of the image")

if problems:
    print("docker-compose.yml:", *problems, sep="\n  ")
    sys.exit(1)
print(f"docker-compose.yml: {len(services)} services, all variables known to the settings")
