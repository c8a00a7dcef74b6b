"""Writes the officer pages own: saved searches and the register of case documents."""
