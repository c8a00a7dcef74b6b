"""Benchmarks (``make bench``): not tests. Results are appended to BENCHMARKS.md."""
