"""The case studies' full-text index (created by migration 0002, kept by triggers)."""

from exchange.common.search_index import FullTextIndex, register

CASE_STUDY_INDEX = register(FullTextIndex(
    table="lessons_case_search",
    source="lessons_casestudy",
    body_columns=("findings", "key_learning", "action_taken", "outcome_for_individuals"),
))
