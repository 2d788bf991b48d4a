"""The text the body grammar reads: a plain-text document as it is, or HTML rendered
to aligned lines."""
