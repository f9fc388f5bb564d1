"""Improvement networks' models, one module per area."""

from .discussion import *  # noqa: F403 (each module names its models in __all__)
from .network import *  # noqa: F403
