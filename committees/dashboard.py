"""What the committees app tells the admin's dashboard (frontcms.dashboard): the unit a ward
contributor works for, named above their panels."""

from __future__ import annotations

from .models import StaffAssignment
from .scoping import is_scoped


def scope_label(user) -> str | None:
    if not is_scoped(user):
        return None
    assignment = StaffAssignment.objects.filter(user=user).select_related("organization").first()
    return assignment.organization.name if assignment else None
