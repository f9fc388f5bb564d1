from .application import Application, PlaceOffer, Visitor, WaitingEntry
from .learning import CheckIn, LearningPoint
from .programme import HostOffer, ProgrammeMembership, ProgrammeYear
from .visit import HostReport, Material, PreparationCall, Visit

__all__ = [
    "Application", "CheckIn", "HostOffer", "HostReport", "LearningPoint", "Material",
    "PlaceOffer", "PreparationCall", "ProgrammeMembership", "ProgrammeYear", "Visit", "Visitor",
    "WaitingEntry",
]
