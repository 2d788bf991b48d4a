"""The 8-K text: line lexer, body grammar, and the cover page, items, exhibits and
signatures read from it."""
