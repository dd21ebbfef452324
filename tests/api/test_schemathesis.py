"""Property-based run of schemathesis against the app's own OpenAPI document, in process (ASGI),
on the sample corpus graph: no response may be a 5xx or break the schema it documents."""

from __future__ import annotations

from collections.abc import Iterator

import neo4j
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from enforcegraph.settings import Settings
from tests.helpers import WRITE, api_settings, write_sample
from tests.sample_graph import SAMPLE_CORPUS

pytestmark = [pytest.mark.neo4j, pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
#: Examples per operation and mode: enough to reach every parameter's edge cases, few enough to stay quick.
EXAMPLES = {("POST /documents", "positive"): 8, ("POST /documents", "negative"): 8}
DEFAULT_EXAMPLES = {"positive": 30, "negative": 20}
INGEST_TIMEOUT = 120
MODES = {"positive": schemathesis.GenerationMode.POSITIVE, "negative": schemathesis.GenerationMode.NEGATIVE}

OPERATIONS = [f"{method.upper()} {path}"
              for path, ops in create_app(Settings(_env_file=None, environment="test")).openapi()["paths"].items()  # type: ignore[call-arg]
              for method in ops]


@pytest.fixture(scope="module")
def api_schema(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> Iterator[schemathesis.BaseSchema]:
    write_sample(neo4j_driver, neo4j_settings.neo4j_database)
    app = create_app(api_settings(neo4j_settings))
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    shutdown_lifespans()  # closes the app's driver


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("operation", OPERATIONS)
def test_api_schemathesis_no_5xx_and_responses_match_the_schema(api_schema: schemathesis.BaseSchema,
                                                                 operation: str, mode: str) -> None:
    """Valid requests (positive) and invalid ones (negative: wrong types, missing or extra
    parameters, a broken key) alike must get a documented status and a body matching its schema."""
    method, path = operation.split(" ", 1)
    op = api_schema[path][method]

    @given(case=op.as_strategy(generation_mode=MODES[mode]))
    @settings(max_examples=EXAMPLES.get((operation, mode), DEFAULT_EXAMPLES[mode]), deadline=None,
              derandomize=True, suppress_health_check=list(HealthCheck), database=None)
    def run(case: schemathesis.Case) -> None:
        # an ingest may wait for an extraction worker to start and load its pipeline (seconds on a busy machine)
        case.call_and_validate(headers=WRITE, checks=CHECKS, timeout=INGEST_TIMEOUT if method == "POST" else 10)

    try:
        run()
    except Unsatisfiable:  # nothing invalid to send (e.g. /health takes no parameter)
        assert mode == "negative"
