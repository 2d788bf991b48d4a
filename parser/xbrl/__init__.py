"""Inline XBRL: the dei cover facts of an iXBRL 8-K."""
