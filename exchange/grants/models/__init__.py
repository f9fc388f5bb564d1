from .applications import BudgetLine, GrantApplication
from .assessment import PanelAssignment, Score
from .calls import Criterion, GrantCall
from .progress import ProgressReport

__all__ = ["BudgetLine", "Criterion", "GrantApplication", "GrantCall", "PanelAssignment",
           "ProgressReport", "Score"]
