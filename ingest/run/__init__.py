"""Running the extractor safely: one worker process per slot, or a Dask cluster.

A separate package because it is neither extraction nor graph building: it bounds each
document's time and memory (``isolation``), chooses where the work runs (``executors``,
``dask_executor``) and returns failures as values, so ``ingest.service`` can record them.
"""
