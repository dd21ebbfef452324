"""The HTTP API over the graph (FastAPI)."""
