"""Shared foundations every layer may use: array checks, atomic writes, lock files, size
limits, the user's language."""
