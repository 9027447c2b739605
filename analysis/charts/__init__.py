"""Altair charts in the house style, one module per screen area."""
