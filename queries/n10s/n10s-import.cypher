// summary: Import RDF text (Turtle, JSON-LD, N-Triples, ...) into the graph with n10s.
// param rdf: str - the RDF document
// param format: str - n10s's name of the syntax (Turtle, JSON-LD, N-Triples, RDF/XML, TriG, N-Quads)
// returns: terminationStatus, triplesLoaded, triplesParsed, extraInfo
CALL n10s.rdf.import.inline($rdf, $format) YIELD terminationStatus, triplesLoaded, triplesParsed, extraInfo
RETURN terminationStatus, triplesLoaded, triplesParsed, extraInfo
