"""Output: diagnostics (full, short, JSON, SARIF, GitHub), the JSON of a filing, and `show`."""
