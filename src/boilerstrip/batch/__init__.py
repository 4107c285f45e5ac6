"""Batch cleaning at corpus scale: parallel, ordered, resumable, and on Dask.

    inputs      files and WARC/WET records, streamed in a stable order
    work        what a worker does with one page
    pool        local worker processes: ordered, crash- and hang-proof
    dask_engine the same on a Dask cluster
    templates   --site-templates: learn each host's template blocks
    duplicates  --duplicates: flag near-duplicate pages (MinHash LSH)
    outputs     JSON Lines with a journal, --out-dir trees, Parquet
    runner      puts them together: `run_batch(BatchOptions(...))`

Nothing here is imported by `import boilerstrip`; the CLI loads it on use.
"""
