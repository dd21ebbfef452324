"""From news text to the graph: readers, extraction pipeline and graph writing."""
