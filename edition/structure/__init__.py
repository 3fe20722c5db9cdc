"""From cleaned pages to the book's structure: front matter, divisions, quotations, closers,
speeches, people, and the printed page numbers of every scanned page.
"""
