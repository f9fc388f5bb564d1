"""News as the rest of the site shows it (found by exchange/common/programmes.py).

News is declared through the registry for its place in the navigation, its staff page and its
home-page teaser, but it is not one of the programmes the Exchange brings together
(``is_programme=False``): the home and about pages neither list nor count it."""

from exchange.common.programmes import HOME_NEWS, Programme, StaffPage, Teaser

from . import domain
from .enums import NewsStatus

SHOWN_ON_HOME_PAGE = 3


def latest_news(request):
    """The home page's newest published posts, with their topics: two queries."""
    return {"latest_news": domain.latest(SHOWN_ON_HOME_PAGE)}


PROGRAMME = Programme(
    key="news", label="News", title="News", url_name="news:list", order=90,
    summary="News from the Learning Exchange and its programmes.",
    staff_pages=(StaffPage("Write news", "news:manage", "news.write_news"),),
    teaser=Teaser(template="news/home_teaser.html", context=latest_news, order=HOME_NEWS),
    is_programme=False,
)

# The activity log's words for each verb, as people read them (common's activity_log include).
ACTIVITY_LABELS = {"create": "Written", "edit": "Edited", "publish": "Published",
                   "unpublish": "Unpublished"}
STATE_LABELS = dict(NewsStatus.choices)
