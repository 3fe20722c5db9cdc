"""edition: turn raw OCR scans into TEI P5 scholarly editions, recording every change."""

__version__ = "0.2.0"
#: The release date of this version. An edition is a deterministic function of its scan and of
#: the toolkit's version, so this is the date it states for itself (publicationStmt and
#: revisionDesc), unless SOURCE_DATE_EPOCH names another (the reproducible-builds convention).
__released__ = "2026-11-29"
