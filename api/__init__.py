"""The HTTP API over the graph (FastAPI).

``app.py`` builds the application; ``exc.py`` maps every error to an HTTP status in one table;
``deps.py`` holds keys, settings and the graph as dependencies; ``models/`` every request and
response model (their type fields built from the ontology); ``params.py`` parameter checks,
cursors and search terms; ``routers/`` the endpoints, which only check parameters, call a
service or a named query and convert; ``services/`` the work itself, free of HTTP.
"""
