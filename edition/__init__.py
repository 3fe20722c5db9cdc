"""edition: turn raw OCR scans into TEI P5 scholarly editions, recording every change."""

__version__ = "0.1.0"
