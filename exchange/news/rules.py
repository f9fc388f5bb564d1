"""Who may do what with news, as `rules` permissions: organisers (and administrators) write,
edit, publish and unpublish; anyone reads what is published."""

import rules

from exchange.people.rules import is_organiser

can_write_news = is_organiser

rules.add_perm("news.write_news", can_write_news)
