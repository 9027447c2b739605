"""Benchmarks for Salescope; `python -m bench.ingest` (or `make bench`) runs the ingestion one."""
