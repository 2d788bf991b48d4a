"""The 8-K's vocabulary shared by readers and checks: item numbers, dates, value
normalisation, XBRL code tables."""
