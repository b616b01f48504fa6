from django.conf import settings


def site(request) -> dict:
    return {
        "municipality_name": settings.MUNICIPALITY_NAME,
        "accessibility_statement_url": settings.ACCESSIBILITY_STATEMENT_URL,
        "entra_enabled": settings.ENTRA_ENABLED,
        "sso_only": settings.SSO_ONLY,
    }
