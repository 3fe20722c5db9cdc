"""Building whole collections: jobs, manifest and incremental skips (`batch`), local processes or
Dask (`engines`), progress and summary (`progress`).
"""
