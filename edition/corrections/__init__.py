"""An editor's corrections: kept beside the scan, re-applied after the rules on every build.

`model` (the corrections file and its records), `anchor` (finding a correction's place in the
raw scan again when offsets moved), `reading` (the reading text with the raw provenance of
each character), `apply` (corrections applied to a built edition as edits of the rule
`editor`, stale and redundant ones reported), `absorb` (an edited reading text or TEI turned
into corrections) and `decisions` (the decisions a build flagged uncertain, accepted or
overridden).
"""
