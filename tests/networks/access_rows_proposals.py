"""The proposals rows of the networks access table (merged by access_rows.py).

Anyone with an active membership of an organisation may propose a network; staff without one
are refused. Organisers (and administrators) decide proposals; nobody else sees them.
"""

from exchange.networks.enums import ProposalStatus
from exchange.networks.models import NetworkProposal
from tests.access import LOGIN, ORGANISERS, Pk, expect, fresh, get, only, post

PROPOSERS = expect(403, anonymous=LOGIN, members=200)
PROPOSAL = {"name": "Access proposed network", "topic": Pk("network_topic"),
            "purpose": "Testing access.", "audience": "Anyone.", "facilitation": "Me."}

ROWS = {
    "networks:propose": [
        get("networks:propose", expected=PROPOSERS),
        post("networks:propose", expected=expect(403, anonymous=LOGIN, members=302),
             data=PROPOSAL, label="propose",
             done=lambda o: NetworkProposal.objects.filter(
                 name="Access proposed network").exists()),
    ],
    "networks:proposals": [get("networks:proposals", expected=ORGANISERS)],
    "networks:proposal": [
        get("networks:proposal", Pk("network_proposal"), expected=ORGANISERS),
        post("networks:proposal", Pk("network_proposal"), label="approve",
             expected=only("organisers", answer=302), data={"decision": "approve"},
             done=lambda o: fresh(o.network_proposal).status == ProposalStatus.APPROVED),
    ],
}


def add_objects(shared):
    """Nothing of its own: the proposal is made with the networks (access_rows_networks)."""
