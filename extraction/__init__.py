"""Report text to a proposal (one finder per kind of thing a report names), the lexicon it matches,
and the admin's ingest review that turns a reviewed proposal into records."""
