"""Events' models, one module per area."""

from .event import *  # noqa: F403 (each module names its models in __all__)
from .requests import *  # noqa: F403
