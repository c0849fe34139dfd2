"""Benchmarks for OSA Monitor: a synthetic data generator and the measured results."""
