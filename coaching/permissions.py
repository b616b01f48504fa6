"""Who may see which support record: the leader their own, HR what it administers, a manager only
the approval request addressed to them. Views call these first; nothing else decides."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Approval, Booking, GroupCoachingShare, PoolApplication, SparringRequest


def require_hr(user) -> None:
    if not user.is_hr:
        raise PermissionDenied


def require_staff_responsibility(user) -> None:
    if not user.has_staff_responsibility:
        raise PermissionDenied


def get_own_booking(user, pk: int) -> Booking:
    return get_object_or_404(Booking.objects.select_related("coach"), pk=pk, leader=user)


def get_approval_for_manager(user, pk: int) -> Approval:
    return get_object_or_404(Approval.objects.select_related("leader"), pk=pk, manager=user)


def get_own_share(user, pk: int) -> GroupCoachingShare:
    return get_object_or_404(GroupCoachingShare, pk=pk, leader=user)


def get_application_for_user(user, pk: int) -> PoolApplication:
    """HR, the applicant and the area's chef, with whom HR agrees the course."""
    application = get_object_or_404(
        PoolApplication.objects.select_related("applicant", "area_chef"), pk=pk
    )
    if not (user.is_hr or user.pk in (application.applicant_id, application.area_chef_id)):
        raise PermissionDenied
    return application


def get_application_for_area_chef(user, pk: int) -> PoolApplication:
    application = get_application_for_user(user, pk)
    if application.area_chef_id != user.pk:
        raise PermissionDenied
    return application


def get_sparring_request_for_hr(user, pk: int) -> SparringRequest:
    require_hr(user)
    return get_object_or_404(SparringRequest.objects.select_related("leader__department"), pk=pk)
