"""Benchmarks for `make bench`: PostgreSQL databases of synthetic incidents, each measurement run
beside a straightforward baseline on the same data. See docs/benchmarks.md."""
