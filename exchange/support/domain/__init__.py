"""Peer support's domain functions: each does the whole job (check, write, log, notify)."""
