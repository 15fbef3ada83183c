"""The baseline for throughput ratios: the smallest Django app, one view, served like the portal."""
