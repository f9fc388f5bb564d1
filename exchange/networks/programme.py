"""Networks as the rest of the site shows it (found by exchange/common/programmes.py)."""

from exchange.common.programmes import Programme

PROGRAMME = Programme(
    key="networks", label="Networks", title="Improvement networks", url_name="networks:list", order=45,
    summary="Networks of people working on the same improvement, with meetings, discussion "
            "and shared resources.",
)
