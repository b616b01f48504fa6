"""What waits for HR across the offers."""

from ..models import Approval, CrisisRequest, Decision, Phase, PoolApplication, SparringRequest


def open_items_for_hr() -> dict:
    return {
        "approvals": Approval.objects.filter(status=Decision.PENDING).count(),
        "applications": PoolApplication.objects.filter(
            phase__in=[Phase.RECEIVED, Phase.CLARIFICATION]
        ).count(),
        "sparring": SparringRequest.objects.filter(partner__isnull=True).count(),
        "crises": CrisisRequest.objects.filter(handled_at__isnull=True).count(),
    }
