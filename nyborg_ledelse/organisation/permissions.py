"""Who may reach the register pages. Views call these first; nothing else decides."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Leader, RegisterImport


def require_register_manager(user: Leader) -> None:
    if not user.manages_register:
        raise PermissionDenied


def get_register_import_for_user(user: Leader, pk: int) -> RegisterImport:
    require_register_manager(user)
    return get_object_or_404(RegisterImport, pk=pk)


def require_administrator(user: Leader) -> None:
    if not user.is_administrator:
        raise PermissionDenied


def require_administration(user: Leader) -> None:
    """The administration index: the administrators' pages, and HR's (register, coaches)."""
    if not (user.is_administrator or user.is_hr):
        raise PermissionDenied


def get_leader_to_erase(user: Leader, pk: int) -> Leader:
    require_administrator(user)
    return get_object_or_404(Leader, pk=pk)
