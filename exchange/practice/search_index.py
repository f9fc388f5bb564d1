"""The practice bank's full-text index (created by migration 0002, kept by triggers)."""

from exchange.common.search_index import FullTextIndex, register

PRACTICE_INDEX = register(FullTextIndex(
    table="practice_search",
    source="practice_practice",
    body_columns=("aim", "intended_outcome", "description", "results", "effect", "mechanism",
                  "moderators", "implementation", "economic_cost", "contact_name"),
))
