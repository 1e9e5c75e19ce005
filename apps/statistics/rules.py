"""Who may do what with the figures.

- Cell staff manage the catalogue and the deliveries and see every library's figures.
- Library staff see and change their own library's figures (works_for), while that
  year's delivery is open and before its deadline, or until the extension the cell
  granted; afterwards only the cell changes them.
- Peer-group benchmarks (aggregates under the privacy floor) are for every professional;
  a library's detailed figures only for the cell and the library's own staff
  (docs/adr/0016-statistics-visibility.md).
"""

import datetime

import rules

from apps.core.rules import is_cell_staff, is_library_staff, is_professional
from apps.registry.rules import works_for


@rules.predicate
def works_for_library_of(user, submission) -> bool:
    return submission is not None and works_for(user, submission.library)


@rules.predicate
def delivery_is_open(user, submission) -> bool:
    """The submission's year has an open delivery and today is before its deadline (or the extension)."""
    if submission is None:
        return False
    from .models import DeliveryYear

    today = datetime.date.today()
    delivery = DeliveryYear.objects.filter(year=submission.year).first()
    if delivery is None or delivery.status != DeliveryYear.Status.OPEN or today < delivery.opens_on:
        return False
    last_day = max(delivery.deadline, submission.extended_until or delivery.deadline)
    return today <= last_day


@rules.predicate
def owns_peer_group(user, group) -> bool:
    return group is not None and group.owner_id == user.pk


@rules.predicate
def is_shared_group(user, group) -> bool:
    return group is not None and group.shared


rules.add_perm("statistics.view_statistics", is_professional)
rules.add_perm("statistics.view_indicator", is_professional)
rules.add_perm("statistics.add_indicator", is_cell_staff)
rules.add_perm("statistics.change_indicator", is_cell_staff)
rules.add_perm("statistics.manage_deliveries", is_cell_staff)
rules.add_perm("statistics.view_deliveryyear", is_cell_staff)
rules.add_perm("statistics.add_deliveryyear", is_cell_staff)
rules.add_perm("statistics.change_deliveryyear", is_cell_staff)
rules.add_perm("statistics.view_library_figures", is_cell_staff | (is_library_staff & works_for))
rules.add_perm("statistics.view_submission", is_cell_staff | (is_library_staff & works_for_library_of))
rules.add_perm(
    "statistics.change_submission", is_cell_staff | (is_library_staff & works_for_library_of & delivery_is_open)
)
rules.add_perm("statistics.list_figures", is_cell_staff | is_library_staff)
rules.add_perm("statistics.import_figures", is_cell_staff | is_library_staff)
rules.add_perm("statistics.view_peergroup", is_professional & (is_cell_staff | owns_peer_group | is_shared_group))
rules.add_perm("statistics.add_peergroup", is_professional)
rules.add_perm("statistics.change_peergroup", is_professional & (owns_peer_group | (is_cell_staff & is_shared_group)))
rules.add_perm("statistics.delete_peergroup", is_professional & (owns_peer_group | (is_cell_staff & is_shared_group)))
rules.add_perm("statistics.view_benchmark", is_professional)
rules.add_perm("statistics.run_report_batch", is_cell_staff)
