"""The one way each support model changes state (the tables are in ``enums``)."""

from exchange.common.domain import StateMachine

from ..enums import GROUP_TRANSITIONS, PEER_TRANSITIONS, REQUEST_TRANSITIONS, TEAM_TRANSITIONS

PEERS = StateMachine(field="status", transitions=PEER_TRANSITIONS)
REQUESTS = StateMachine(field="status", transitions=REQUEST_TRANSITIONS)
GROUPS = StateMachine(field="status", transitions=GROUP_TRANSITIONS)
TEAM = StateMachine(field="status", transitions=TEAM_TRANSITIONS)
