"""News as the rest of the site shows it (found by exchange/common/programmes.py)."""

from exchange.common.programmes import Programme

PROGRAMME = Programme(
    key="news", label="News", title="News", url_name="news:list", order=90,
    summary="News from the Learning Exchange and its programmes.",
)
