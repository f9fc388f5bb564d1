"""Who may read the outbox: administrators only, since it holds sign-in and reset links."""

import rules

from exchange.people.rules import is_administrator

rules.add_perm("mail.view_outbox", is_administrator)
