"""Writes to the support offers, one module per offer; callers import from the offer's module."""
