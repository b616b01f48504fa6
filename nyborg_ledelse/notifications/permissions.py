from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Message


def require_outbox_access(user) -> None:
    """The outbox page is the administrators'; it shows who got what, never more than subjects."""
    if not user.is_administrator:
        raise PermissionDenied


def get_outbox_message_for_user(user, pk: int) -> Message:
    require_outbox_access(user)
    return get_object_or_404(Message, pk=pk)
