"""Bytes to text: decoding, the normalised source text with its spans and diagnostics,
offset maps."""
