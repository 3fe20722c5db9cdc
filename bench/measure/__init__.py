"""The quality measurement of bench/quality.py, in parts that can be tested on small strings.

- `words`: normalisation and tokenisation shared by every figure;
- `align`: word alignment of two long texts (unique anchors, then Levenshtein on the pieces);
- `truth`: a transcription's paragraphs, chapter headings and verse lines;
- `tei`: an edition's reading-text blocks, divisions, page breaks and notes, from its TEI;
- `metrics`: the figures themselves (CER, paragraphs, divisions, hyphens, furniture, ...);
- `adapter`: every call into the `edition` library, in one place;
- `book`: one book measured; `report`: the table, the JSON file and the comparison.

Nothing here is part of the toolkit: it measures it.
"""
