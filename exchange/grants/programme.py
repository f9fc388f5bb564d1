"""Small grants as the rest of the site shows it (found by exchange/common/programmes.py)."""

from exchange.common.programmes import Programme

PROGRAMME = Programme(
    key="grants", label="Small grants", title="Small grants", url_name="grants:list", order=60,
    summary="Small grants for member organisations to try and evaluate an improvement.",
)
