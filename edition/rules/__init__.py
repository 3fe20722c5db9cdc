"""The cleaning rules: one module per rule, each a pure function over the page model that returns
recorded edits (and, where it decides what a line is, that line's role with its evidence).
"""
