"""Benchmarks that print figures; they are never timed tests (see docs/architecture.md)."""
