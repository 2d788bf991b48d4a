"""Many filings at once: inputs and archives, extraction into tables, writers, Dask, stats."""
