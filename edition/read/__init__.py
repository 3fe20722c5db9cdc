"""Reading sources into the page model: bytes to text (`decoding`, `characters`), text into
pages and lines by its page convention (`text`).

Every reader fills the same `edition.model.Scan`, so the rules never know where a page came from.
"""
