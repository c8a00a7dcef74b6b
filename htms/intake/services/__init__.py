"""Writes to border intake. Every write is atomic and audited."""
