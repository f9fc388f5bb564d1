"""Who hears about peer support's work. Confidential material is emailed only to these people
(a force's leads, a request's accepted team, the organisers), so every area asks here. The
organisers and a force's leads come from ``exchange.people.recipients``, shared by every
programme; a request's team is peer support's own."""

from exchange.people.models import User

from ..enums import TeamStatus


def accepted_team(request):
    """The peers who accepted a place on the request's team, as users."""
    return User.objects.filter(is_active=True, peer__engagements__request=request,
                               peer__engagements__status=TeamStatus.ACCEPTED).distinct()
