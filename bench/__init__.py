"""Benchmarks of syria-reader: ``python -m bench`` runs the one benchmark (``bench/run.py``)."""
