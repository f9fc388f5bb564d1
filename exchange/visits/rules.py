"""Who may run visits. Staff pages ask ``can_run_visits``; people's own pages check ownership."""

import rules

from exchange.people.rules import is_organiser

can_run_visits = is_organiser

rules.add_perm("visits.run_visits", can_run_visits)
