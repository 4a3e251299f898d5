"""Bounds the API documents for every id it reads."""

# The largest value of a PostgreSQL integer column: a bigger id cannot exist, so it is a 400.
MAX_ID = 2**31 - 1
