"""Who may read what the foundation keeps about everyone's work."""

import rules

from exchange.people.rules import is_programme_staff

# The activity log records decisions about unpublished work, in every programme.
rules.add_perm("common.view_activity", is_programme_staff)
