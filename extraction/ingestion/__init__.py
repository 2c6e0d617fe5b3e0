"""From a news report's reviewed proposal to records.

`propose.propose()` maps the extractor's proposal (`extraction.extract`, `Proposal.as_dict()`) onto
the records staff review (`items`): an unsaved incident and lists of group, person, claim, statement
and link items. Items refer to each other by key ("g0", "p1", "c2"), so a claim can name a group
that does not exist yet; a key is the index of the proposal item it came from. `save.ingest()` writes
the reviewed items in one transaction, so a failure anywhere writes nothing.
`duplicates.find_duplicates()` lists incidents the new one may repeat.
"""
