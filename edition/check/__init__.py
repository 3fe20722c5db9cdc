"""Checks an edition is held to: the lossless accounting (`accounting`, `diff`) and TEI validity
with the edition's own rules (`validate`, `schema`).
"""
