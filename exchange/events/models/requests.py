"""Requests for a knowledge sharing event, and subscribers to invitations."""

__all__ = []
