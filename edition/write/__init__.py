"""Outputs made from an edition: the TEI document (`tei`), the reading and diplomatic text from
the TEI alone (`text`), and the HTML accounting report (`report`).
"""
