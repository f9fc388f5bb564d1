"""Who may read the answers to "Was this page useful?": programme staff. Anyone may answer."""

import rules

from exchange.people.rules import is_programme_staff

rules.add_perm("feedback.view_report", is_programme_staff)
