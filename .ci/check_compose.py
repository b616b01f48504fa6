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
if "migrate" not in str(web.get("command", "")):
    problems.append("web does not run migrations on start")
if "gunicorn" not in str(web.get("command", "")):
    problems.append("web does not run gunicorn")
if "worker" not in str(services.get("worker", {}).get("command", "")):
    problems.append("worker does not run a Celery worker")
if "beat" not in str(services.get("beat", {}).get("command", "")):
    problems.append("beat does not run Celery beat")

for name in ["web", "worker", "beat"]:
    environment = services.get(name, {}).get("environment", {})
    unknown = sorted(set(environment) - read_by_settings)
    if unknown:
        problems.append(f"{name} sets variables the settings never read: {unknown}")
    for required in ["SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "ALLOWED_HOSTS", "HTTPS"]:
        if required not in environment:
            problems.append(f"{name} does not set {required}")

if not (ROOT / "Dockerfile").exists():
    problems.append("Dockerfile is missing")

if problems:
    print("docker-compose.yml:", *problems, sep="\n  ")
    sys.exit(1)
print(f"docker-compose.yml: {len(services)} services, all variables known to the settings")
