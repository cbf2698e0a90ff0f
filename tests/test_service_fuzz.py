"""The service at its edges: schemathesis derives requests from the OpenAPI
document (bounded), and hypothesis sends arbitrary JSON to every endpoint.
Every response is a decision (or listing) or problem+json, never a 500."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

pytest.importorskip("fastapi")
schemathesis = pytest.importorskip("schemathesis")

from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from envrules.tools.service import ServiceLimits, create_app  # noqa: E402

from .conftest import RULESETS  # noqa: E402

APP = create_app(RULESETS, ServiceLimits(batch_cases=20), profile="hebei/langfang")
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)
PROBLEM = "application/problem+json"


@schemathesis.serializer("application/x-ndjson")
def _ndjson(ctx: Any, value: Any) -> bytes:
    items = value if isinstance(value, list) else [value]
    return b"".join(json.dumps(v).encode() + b"\n" for v in items)


# A schema-valid case may still be refused for the profile's data (an unknown kind or
# region is 422), and a batch answers an invalid item with a problem in its place.
EXCLUDED = {
    "/v1/decisions": ["positive_data_acceptance"],
    "/v1/decisions:explain": ["positive_data_acceptance"],
    "/v1/decisions:batch": ["negative_data_rejection"],
}


@SCHEMA.parametrize()
@settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_openapi_conformance(case: Any) -> None:
    excluded = [getattr(schemathesis.checks, name) for name in EXCLUDED.get(case.operation.path, ())]
    case.call_and_validate(excluded_checks=excluded)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "violation",
                    "kind",
                    "occurred_on",
                    "region",
                    "county",
                    "decided_on",
                    "profile",
                    "matter",
                    "enterprise",
                    "investment",
                ]
            )
            | st.text(max_size=8),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)

ENDPOINTS = [
    ("post", "/v1/decisions"),
    ("post", "/v1/decisions:explain"),
    ("post", "/v1/decisions:batch"),
    ("get", "/v1/profiles"),
    ("get", "/v1/profiles/hebei/langfang/kinds"),
    ("get", "/v1/profiles/x/regions"),
    ("get", "/v1/profiles/hebei/langfang/matters"),
    ("get", "/healthz"),
    ("get", "/readyz"),
    ("post", "/v1/profiles"),
    ("get", "/v1/decisions"),
]


@pytest.fixture(scope="module")
def client() -> Any:
    with TestClient(APP, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def decision_schema(client: TestClient) -> dict[str, Any]:
    doc = client.get("/openapi.json").json()
    return {"$ref": "#/components/schemas/DecisionModel", "components": doc["components"]}


@given(
    method_path=st.sampled_from(ENDPOINTS),
    body=_json,
    query=st.dictionaries(st.sampled_from(["lang", "profile", "explain"]), st.text(max_size=12), max_size=2),
    ndjson=st.booleans(),
)
@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_arbitrary_json_gets_a_decision_or_a_problem(
    client: TestClient,
    decision_schema: Any,
    method_path: tuple[str, str],
    body: Any,
    query: dict[str, str],
    ndjson: bool,
) -> None:
    method, path = method_path
    headers = {"content-type": "application/x-ndjson" if ndjson else "application/json"}
    content = (
        json.dumps(body)
        if not (ndjson and isinstance(body, list))
        else "\n".join(json.dumps(x) for x in body)
    )
    r = client.request(method, path, params=query, content=content, headers=headers)
    assert r.status_code < 500, r.text
    kind = r.headers["content-type"].split(";")[0]
    if r.status_code >= 400:
        assert kind == PROBLEM
        problem = r.json()
        assert problem["status"] == r.status_code and problem["errors"]
        return
    assert kind in ("application/json", "application/x-ndjson", "text/plain")
    if path == "/v1/decisions":
        jsonschema.validate(r.json(), decision_schema)
