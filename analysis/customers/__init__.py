"""Customers: satisfaction, retention, repeat purchases, market share and regions."""
