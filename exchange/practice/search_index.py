"""The practice bank's full-text index (created by migration 0002, widened by 0005, kept by
triggers): the entry's own text, and the names of its topics and organisation weighted with its
summary, its region and partners with its body."""

from exchange.common.enums import Region
from exchange.common.search_index import (
    ChoiceLabel,
    ForeignName,
    FullTextIndex,
    LinkedNames,
    TextList,
    register,
)

BODY_COLUMNS = ("aim", "intended_outcome", "description", "results", "effect", "mechanism",
                "moderators", "implementation", "economic_cost", "contact_name")

PRACTICE_INDEX = register(FullTextIndex(
    table="practice_search",
    source="practice_practice",
    body_columns=BODY_COLUMNS,
    names=(
        LinkedNames(link_table="practice_practice_topics", source_key="practice_id",
                    target_key="topic_id", table="common_topic"),
        ForeignName(column="organisation_id", table="people_organisation"),
    ),
    extra_body=(ChoiceLabel("region", tuple(Region.choices)), TextList("partners")),
))
