"""Events as the rest of the site shows it (found by exchange/common/programmes.py)."""

from exchange.common.programmes import Programme

PROGRAMME = Programme(
    key="events", label="Events", title="Knowledge sharing events", url_name="events:list", order=40,
    summary="Knowledge sharing events, online seminars and workshops, with recordings and slides afterwards.",
)
