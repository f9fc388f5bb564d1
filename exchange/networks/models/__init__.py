"""Improvement networks' models, one module per area."""

from .discussion import *  # noqa: F403 (each module names its models in __all__)
from .meetings import *  # noqa: F403
from .network import *  # noqa: F403
