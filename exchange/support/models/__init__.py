from .engagement import (
    ActionPlanItem,
    Pairing,
    PairingMeeting,
    ProgressReview,
    Recommendation,
    SharedDocument,
    TeamMember,
)
from .matching import (
    Answer,
    GroupForce,
    GuideQuestion,
    HostDay,
    MatchingGroup,
    MatchingInterest,
    QuestionComment,
    Submission,
)
from .matrix import DimensionScore, MatrixDimension, MatrixLevel, SelfAssessment
from .peers import Peer, PeerAbsence, PeerConflict
from .requests import SupportRequest, TermsVersion

__all__ = [
    "ActionPlanItem", "Answer", "DimensionScore", "GroupForce", "GuideQuestion", "HostDay",
    "MatchingGroup", "MatchingInterest", "MatrixDimension", "MatrixLevel", "Pairing",
    "PairingMeeting", "Peer", "PeerAbsence", "PeerConflict", "ProgressReview", "QuestionComment",
    "Recommendation", "SelfAssessment", "SharedDocument", "Submission", "SupportRequest",
    "TeamMember", "TermsVersion",
]
