"""Extraction -> Neo4j: stable ids, resolution across documents, typed rows and the writer.

Kept apart from ``ingest.extract`` because it changes the graph, not the reading of text:
changing a file here never forces documents to be extracted again.
"""
