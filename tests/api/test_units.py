"""The API's parts that need no database: auth, errors, parameters, search syntax, revisions, OpenAPI."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from api import deps, params
from api.app import create_app
from api.exc import InvalidParameter
from api.models import types
from api.services import revisions
from enforcegraph.settings import Settings
from ontology import load as load_ontology

READ, WRITE = "unit-read-key", "unit-write-key"

#: Every endpoint that needs a key, with a request that is otherwise valid.
GUARDED: list[tuple[str, str, dict[str, object] | None]] = [
    ("GET", "/entities?q=mintz", None),
    ("GET", "/entities/company-x", None),
    ("GET", "/entities/company-x/network", None),
    ("GET", "/events", None),
    ("GET", "/events/raid-x", None),
    ("GET", "/questions/targeted-after-law", None),
    ("GET", "/paths?from=a&to=b", None),
    ("GET", "/changes?since=2024-01-01T00:00:00Z", None),
    ("GET", "/export", None),
    ("POST", "/screen", {"items": [{"name": "Mintz"}]}),
    ("POST", "/match/default", {"queries": {"q1": {"schema": "Company", "properties": {"name": ["Mintz"]}}}}),
    ("GET", "/export/ftm", None),
    ("GET", "/watchlists", None),
    ("POST", "/watchlists/check", None),
    ("POST", "/documents", {"documents": [{"id": "d1", "text": "Police raided Mintz Group."}]}),
]
WRITE_ONLY = {"/documents", "/watchlists/check"}


def _settings() -> Settings:
    return Settings(_env_file=None, environment="test", read_keys=[READ], write_keys=[WRITE])  # type: ignore[call-arg]


@pytest.fixture(scope="module")
def client() -> TestClient:
    # no lifespan (no `with`): requests that get past auth answer 503 (no database)
    return TestClient(create_app(_settings()), raise_server_exceptions=False)


@pytest.mark.parametrize(("method", "url", "body"), GUARDED)
def test_api_every_endpoint_needs_a_key(client: TestClient, method: str, url: str,
                                        body: dict[str, object] | None) -> None:
    missing = client.request(method, url, json=body)
    assert missing.status_code == 401 and missing.json()["error"] == "AuthRequired"
    assert missing.headers["WWW-Authenticate"] == "APIKey"
    wrong = client.request(method, url, json=body, headers={"X-API-Key": READ + "x"})
    assert wrong.status_code == 401
    read = client.request(method, url, json=body, headers={"X-API-Key": READ})
    if url.split("?")[0] in WRITE_ONLY:
        assert read.status_code == 403 and read.json()["error"] == "Forbidden"
    else:
        assert read.status_code == 503  # past auth; no database in this test
    write = client.request(method, url, json=body, headers={"X-API-Key": WRITE})
    assert write.status_code == 503 and write.headers["Retry-After"].isdigit()


def test_api_keys_are_never_echoed_or_logged(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "a-secret-that-is-not-a-key"
    for method, url, body in GUARDED:
        resp = client.request(method, url, json=body, headers={"X-API-Key": secret})
        assert secret not in resp.text and secret not in str(resp.headers)
        resp = client.request(method, url, json=body, headers={"X-API-Key": READ})
        assert READ not in resp.text
    assert secret not in caplog.text and READ not in caplog.text


def test_api_key_comparison_checks_every_key_on_fixed_length_digests(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, int]] = []
    real = deps.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        seen.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(deps.hmac, "compare_digest", spy)
    assert deps.key_matches("k1", ["k1", "a-much-longer-key", "k3"])
    assert len(seen) == 3 and set(seen) == {(32, 32)}  # no early exit, no length leak
    assert not deps.key_matches("k", ["k1", "k2"])


def test_api_validation_errors_name_the_parameter_in_one_shape(client: TestClient) -> None:
    key = {"X-API-Key": READ}
    cases = [
        ("/events?from=2023-13", "from"), ("/events?to=yesterday", "to"), ("/events?type=Picnic", "type"),
        ("/events?country=CHN", "country"), ("/events?min_sources=0", "min_sources"), ("/events?limit=1000", "limit"),
        ("/events?foreign=maybe", "foreign"), ("/entities?type=Event", "type"), ("/entities/x/network?hops=9", "hops"),
        ("/questions/targeted-after-law?basis=signed", "basis"), ("/questions/targeted-after-law?event_type=x",
                                                                 "event_type"),
        ("/paths?from=a", "to"), ("/paths?from=a&to=b&max_hops=7", "max_hops"), ("/changes", "since"),
        ("/changes?since=soon", "since"), ("/export?format=yaml", "format"),
        ("/entities/x?timeline_limit=0", "timeline_limit"), ("/entities?q=" + "x" * 201, "q"),
        ("/paths?from=a&to=b&limit=0", "limit"), ("/export?since=2023-02-30", "since"),
    ]
    for url, name in cases:
        resp = client.get(url, headers=key)
        assert resp.status_code == 422, url
        body = resp.json()
        assert body["error"] == "InvalidParameter" and body["parameter"] == name, (url, body)
        assert name in body["detail"] and "Traceback" not in resp.text


def test_api_invalid_bodies_are_422_naming_the_field(client: TestClient) -> None:
    key = {"X-API-Key": WRITE}
    for body, field in [({"items": []}, "items"), ({"items": [{}]}, "items.0"),
                        ({"items": [{"name": "x", "country": "Germany"}]}, "items.0.country"),
                        ({"items": [{"name": "x"}], "since": "2023-02-30x"}, "since"),
                        ({"documents": []}, "documents")]:
        url = "/documents" if "documents" in body else "/screen"
        resp = client.post(url, json=body, headers=key)
        assert resp.status_code == 422, (body, resp.text)
        assert resp.json()["parameter"].startswith(field), (body, resp.json())
    resp = client.post("/screen", content=b"{not json", headers={**key, "content-type": "application/json"})
    assert resp.status_code == 422


def test_api_unexpected_errors_are_a_bare_500(caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(_settings())

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    resp = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert resp.status_code == 500
    assert resp.json() == {"detail": "internal error; the incident was logged", "error": "InternalError",
                           "parameter": None}
    assert "secret internals" not in resp.text and "Traceback" not in resp.text


def test_api_unknown_routes_answer_in_the_error_shape(client: TestClient) -> None:
    resp = client.get("/nowhere")
    assert resp.status_code == 404 and resp.json()["error"] == "NotFound"


def test_api_openapi_documents_every_endpoint_with_examples(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    wanted = {("get", "/entities"), ("get", "/entities/{id}"), ("get", "/entities/{id}/network"),
              ("get", "/events"), ("get", "/events/{id}"), ("get", "/questions/targeted-after-law"),
              ("get", "/paths"), ("post", "/screen"), ("get", "/changes"), ("get", "/export"),
              ("get", "/ontology"), ("get", "/health"), ("post", "/documents"), ("post", "/screen/csv"),
              ("post", "/match/{dataset}"), ("get", "/export/ftm"), ("post", "/watchlists"),
              ("get", "/watchlists/{id}/deliveries"), ("post", "/watchlists/check")}
    found = {(m, p) for p, ops in spec["paths"].items() for m in ops}
    assert wanted <= found
    schemas = spec["components"]["schemas"]
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert op.get("summary") and op.get("description"), (method, path)
            for p in op.get("parameters", []):
                assert p.get("description"), (method, path, p["name"])
            if "422" in op["responses"]:
                ref = op["responses"]["422"]["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorBody"), (method, path)
            success = next(v for k, v in op["responses"].items() if k.startswith("2"))  # 200, 201 or 204
            ok = success.get("content", {}).get("application/json")
            if ok and "$ref" in ok.get("schema", {}):
                name = ok["schema"]["$ref"].rsplit("/", 1)[1]
                assert schemas[name].get("examples"), f"{name} has no example"
    event_types = schemas.get("EventType", {}).get("enum")
    assert event_types == types.EVENT_TYPES
    onto = load_ontology()
    assert schemas["WatchItem"]["properties"]["type"]["anyOf"][0]["enum"] == [
        t for t in onto.entity_types() if onto.is_a(t, "Actor")]
    assert schemas["GraphEdge"]["properties"]["type"]["description"].endswith("AGENT, TARGET, LOCATION or UNDER_LAW.")
    assert all(t in schemas["EventRef"]["properties"]["type"]["description"] for t in onto.event_types())


# -- parameters ---------------------------------------------------------------------------------

def test_api_partial_dates_are_checked() -> None:
    assert params.partial_date("2023", "from") == "2023"
    assert params.partial_date("2023-04-26", "from") == "2023-04-26"
    for bad in ("2023-02-30", "23", "2023-4", "2023-04-26T00:00"):
        with pytest.raises(InvalidParameter, match="'from'"):
            params.partial_date(bad, "from")


def test_api_cursors_round_trip_and_reject_forgeries() -> None:
    token = params.encode_cursor("events", ["2023-03-20", "raid-1"])
    assert params.decode_cursor(token, "events", (str, str)) == ["2023-03-20", "raid-1"]
    assert params.decode_cursor(None, "events", (str, str)) is None
    for bad in ("not base64 !", params.encode_cursor("entities", ["x"]), params.encode_cursor("events", ["x"]),
                params.encode_cursor("events", [1, "x"]), "e30", "W10"):
        with pytest.raises(InvalidParameter, match="cursor"):
            params.decode_cursor(bad, "events", (str, str))


def test_api_lucene_query_escapes_everything_the_user_types() -> None:
    q = params.lucene_query('co:(x) "y"/z [a}^2! OR')
    assert q is not None
    # every special character the user typed is escaped; the operators and boosts are our own
    assert 'co\\:\\(x\\)^2' in q and '\\"y\\"\\/z^2' in q and '\\[a\\}\\^2\\!^2' in q
    assert "(or^2 OR or*)" in q  # OR became a plain lower-case word
    assert params.lucene_query("  ") is None and params.lucene_query("&& ||") is None
    assert "sakuragwa~2" in (params.lucene_query("Sakuragwa") or "")
    assert "capvision" in (params.lucene_query("Capvísion") or "")  # accent folded as an alternative
    assert params.escape_lucene('a+b-c&&d||e!f(g)h{i}j[k]l^m"n~o*p?q:r\\s/t') == (
        'a\\+b\\-c\\&\\&d\\|\\|e\\!f\\(g\\)h\\{i\\}j\\[k\\]l\\^m\\"n\\~o\\*p\\?q\\:r\\\\s\\/t')


def test_api_date_alternatives_are_only_contradicting_dates() -> None:
    from api.convert import date_alternatives

    row = {"date": "2023-03-20", "reportedDates": [
        {"value": "2023-03", "document": "a"}, {"value": "2023-03-20", "document": "b"},
        {"value": "2023-03-21", "document": "d"}, {"value": "2023-03-21", "document": "c"},
        {"value": "2022", "document": "e"}]}
    alts = [(a.field, a.value, a.documents) for a in date_alternatives(row)]
    assert alts == [("date", "2022", ["e"]), ("date", "2023-03-21", ["c", "d"])]
    assert date_alternatives({"date": "2023", "reportedDates": []}) == []


# -- revisions ---------------------------------------------------------------------------------

CEL_REPORTS = [
    {"id": "a", "date": "2023-04-26", "effectiveDate": "2023-07-01", "sources": [{"document": "d1"}]},
    {"id": "b", "date": "2023-04", "effectiveDate": "2023-07-01", "sources": [{"document": "d2"}]},
    {"id": "c", "date": "2014", "effectiveDate": None, "sources": [{"document": "d1"}]},
    {"id": "d", "date": None, "effectiveDate": "2023-07", "sources": [{"document": "d3"}]},
    {"id": "e", "date": None, "effectiveDate": "2017", "sources": []},
]


def test_api_revision_groups_reports_of_the_latest_revision() -> None:
    chosen = revisions.choose(CEL_REPORTS)
    assert chosen is not None
    assert (chosen.revision, chosen.adopted, chosen.effective) == ("a", "2023-04-26", "2023-07-01")
    assert chosen.reports == ["a", "b", "d"]  # not the 2014 adoption, not an effective date before it
    assert [s["document"] for s in chosen.sources] == ["d1", "d2", "d3"]
    assert chosen.basis_date("effective") == "2023-07-01"
    only_effective = revisions.choose([{"id": "x", "date": None, "effectiveDate": "2017"}])
    assert only_effective is not None and (only_effective.adopted, only_effective.effective) == (None, "2017")
    assert revisions.choose([{"id": "y", "date": None, "effectiveDate": None}]) is None


def test_api_partial_date_bounds_decide_after_only_when_certain() -> None:
    def after(event: str, basis: str) -> bool:
        return revisions.earliest(event) >= revisions.latest(basis)

    assert after("2023-08", "2023-07-01") and after("2023-06-13", "2023-04-26") and after("2023-04-26", "2023-04-26")
    assert not after("2023-04", "2023-04-26") and not after("2023-07-31", "2023-07")
    assert not after("2023", "2023-04-26") and after("2024", "2023-07")
