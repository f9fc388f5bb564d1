"""Threads, posts and resources within a network (built by the discussion area)."""

__all__ = []
