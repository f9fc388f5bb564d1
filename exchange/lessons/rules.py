"""Learning the Lessons permissions; editors are the "Editor" staff group (people.rules)."""

import rules

from exchange.people.rules import is_editor

rules.add_perm("lessons.edit_lessons", is_editor)
