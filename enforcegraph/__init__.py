"""enforcegraph: a knowledge graph of security-law enforcement events, built from news text."""

__version__ = "0.1.0"
