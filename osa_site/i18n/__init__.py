"""Languages: dates as written, the message catalogues, yen amounts, Thai word boundaries and the editions."""
