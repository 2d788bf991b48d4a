"""The EDGAR submission envelope: line lexer, grammar reader, header and documents."""
