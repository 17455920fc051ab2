"""Benchmark data generator of sales_action_anchor (see bench/generate_data.py)."""
