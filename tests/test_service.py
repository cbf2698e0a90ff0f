"""The HTTP service: the same decision as the CLI, problem+json naming each
field, batches that never fail as a whole, limits, the catalogue, and an
OpenAPI document whose schemas are the library's."""

from __future__ import annotations

import copy
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from envrules.tools.schemas import json_schema
from envrules.tools.service import ServiceLimits, create_app

from .conftest import ROOT, RULESETS

EXAMPLE = ROOT / "examples" / "langfang-eia-2022.json"
CASE = json.loads(EXAMPLE.read_text(encoding="utf-8"))
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    app = create_app(RULESETS, ServiceLimits(request_bytes=20_000, batch_cases=50))
    with TestClient(app) as c:
        yield c


def cli_decide(path: Path) -> str:
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            "from envrules.tools.cli import main; main()",
            "decide",
            str(path),
            "--rulesets",
            str(RULESETS),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_decision_is_the_cli_decision_byte_for_byte(client: TestClient) -> None:
    r = client.post(
        "/v1/decisions",
        content=EXAMPLE.read_bytes(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )  # as curl -d
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    assert r.text == cli_decide(EXAMPLE)


def test_a_bad_case_is_422_problem_json_naming_the_field(client: TestClient) -> None:
    case = copy.deepcopy(CASE)
    case["violation"]["occurred_on"] = "2022-02-30"
    r = client.post("/v1/decisions", json=case)
    assert r.status_code == 422
    assert r.headers["content-type"] == PROBLEM
    body = r.json()
    assert body["status"] == 422 and body["type"].endswith("invalid-case")
    assert [e["field"] for e in body["errors"]] == ["violation.occurred_on"]
    assert body["case_id"] == "LF-2026-0042"
    assert all(e["message_zh"] for e in body["errors"])


def test_problems_in_chinese_when_asked(client: TestClient) -> None:
    r = client.post(
        "/v1/decisions",
        json={**CASE, "region": {"county": "langfang.nowhere"}},
        headers={"accept-language": "zh-CN,zh;q=0.9"},
    )
    assert r.status_code == 422
    assert r.json()["title"] == "案件无效" and "region.counties" in r.json()["detail"]
    assert "没有地区" in r.json()["detail"]


@pytest.mark.parametrize(
    ("body", "status", "where"),
    [
        (b'{"violation": ', 400, "body:1:15"),
        (b"[1, 2]", 422, "case"),
        ('{"id": 1' + "0" * 40 + "}", 400, "body"),
        (b"\xff\xfe", 400, "body"),
    ],
)
def test_unusable_bodies_are_problems(client: TestClient, body: bytes | str, status: int, where: str) -> None:
    r = client.post("/v1/decisions", content=body)
    assert r.status_code == status and r.headers["content-type"] == PROBLEM
    error = r.json()["errors"][0]
    assert where in (error.get("where") or error.get("field") or "")


def test_the_profile_comes_from_the_query_the_case_or_the_server(client: TestClient) -> None:
    case = {k: v for k, v in CASE.items() if k != "profile"}
    assert client.post("/v1/decisions", json=case).json()["errors"][0]["field"] == "profile"
    assert client.post("/v1/decisions?profile=hebei/langfang", json=case).status_code == 200
    app = create_app(RULESETS, profile="hebei/langfang")
    with TestClient(app) as c:
        assert c.post("/v1/decisions", json=case).json()["profile"] == "hebei/langfang"
        mismatch = c.post("/v1/decisions?profile=national", json=CASE)
        assert mismatch.status_code == 422 and mismatch.json()["errors"][0]["field"] == "profile"


def test_explain_in_the_language_asked(client: TestClient) -> None:
    zh = client.post("/v1/decisions:explain?lang=zh", json=CASE)
    assert zh.status_code == 200 and zh.headers["content-type"].startswith("text/plain")
    assert "一、管辖" in zh.text
    assert "1. Jurisdiction" in client.post("/v1/decisions:explain?lang=en", json=CASE).text


def test_batch_gives_one_outcome_per_case_in_order(client: TestClient) -> None:
    bad = {**CASE, "id": "B", "violation": {**CASE["violation"], "investment": 1.5}}
    cases = [CASE, bad, 7, {**CASE, "id": "D"}]
    r = client.post("/v1/decisions:batch?explain=true&lang=zh", json=cases)
    assert r.status_code == 200
    body = r.json()
    assert body["summary"] == {"cases": 4, "decided": 2, "failed": 2}
    assert [x["index"] for x in body["results"]] == [0, 1, 2, 3]
    assert body["results"][0]["decision"] == json.loads(cli_decide(EXAMPLE))
    assert "一、管辖" in body["results"][0]["explanation"]
    assert body["results"][1]["case_id"] == "B"
    assert body["results"][1]["problem"]["errors"][0]["field"] == "violation.investment"
    assert body["results"][2]["problem"]["errors"][0]["field"] == "case"
    assert body["results"][3]["decision"]["case_id"] == "D"


def test_batch_as_json_lines_streams_json_lines(client: TestClient) -> None:
    lines = [json.dumps(CASE), "", "{not json", json.dumps({**CASE, "id": "X"})]
    r = client.post(
        "/v1/decisions:batch", content="\n".join(lines), headers={"content-type": "application/x-ndjson"}
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    out = [json.loads(x) for x in r.text.splitlines()]
    assert [x["index"] for x in out] == [0, 1, 2]
    assert "decision" in out[0] and out[2]["decision"]["case_id"] == "X"
    assert out[1]["problem"]["errors"][0]["where"] == "body:3:2"


def test_limits_are_413_problems(client: TestClient) -> None:
    big = {**CASE, "enterprise": {"name": "x" * 30_000}}
    r = client.post("/v1/decisions", json=big)
    assert r.status_code == 413 and r.headers["content-type"] == PROBLEM
    r = client.post("/v1/decisions:batch", json=[CASE] * 51)
    assert r.status_code == 413 and r.json()["errors"][0]["code"] == "limit.batch_cases"
    r = client.post(
        "/v1/decisions:batch",
        content="\n".join([json.dumps(CASE)] * 51),
        headers={"content-type": "application/x-ndjson"},
    )
    assert r.status_code == 413


def test_batch_refuses_an_unknown_profile_before_any_case(client: TestClient) -> None:
    r = client.post("/v1/decisions:batch?profile=hebei/nowhere", json=[CASE])
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "profile"


def test_catalogue(client: TestClient) -> None:
    profiles = client.get("/v1/profiles").json()
    assert {"id": "hebei/langfang", "title": {"zh": "河北省廊坊市", "en": "Langfang, Hebei"}}.items() <= next(
        p for p in profiles if p["id"] == "hebei/langfang"
    ).items()
    kinds = client.get("/v1/profiles/hebei/langfang/kinds").json()
    eia = next(k for k in kinds if k["id"] == "eia.unapproved_construction")
    assert eia["versions"][0]["effective_from"] < eia["versions"][-1]["effective_from"]
    regions = client.get("/v1/profiles/hebei%2Flangfang/regions").json()
    assert any(r["id"] == "langfang.gu_an" and r["level"] == "county" for r in regions)
    assert isinstance(client.get("/v1/profiles/hebei/baoding/matters").json(), list)
    missing = client.get("/v1/profiles/hebei/nowhere/kinds")
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM
    assert "hebei/langfang" in missing.json()["detail"]


def test_engines_are_loaded_once_and_shared(client: TestClient) -> None:
    engines = client.app.state.engines  # type: ignore[attr-defined]
    client.post("/v1/decisions", json=CASE)
    first = engines.loaded("hebei/langfang")
    client.post("/v1/decisions:batch", json=[CASE, CASE])
    client.get("/v1/profiles/hebei/langfang/kinds")
    assert engines.loaded("hebei/langfang") is first


def test_health_readiness_and_unknown_paths(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    assert client.get("/readyz").status_code == 200
    for r in (client.get("/v2/nothing"), client.get("/v1/decisions")):
        assert r.status_code in (404, 405) and r.headers["content-type"] == PROBLEM


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for v in node.values():
            yield from _refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from _refs(v)


def _resolved(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "components": doc["components"]}


def test_openapi_describes_every_endpoint_with_the_library_schemas(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    ops = {(path, m) for path, methods in doc["paths"].items() for m in methods}
    assert ops == {
        ("/v1/decisions", "post"),
        ("/v1/decisions:explain", "post"),
        ("/v1/decisions:batch", "post"),
        ("/v1/profiles", "get"),
        ("/v1/profiles/{profile}/kinds", "get"),
        ("/v1/profiles/{profile}/regions", "get"),
        ("/v1/profiles/{profile}/matters", "get"),
        ("/healthz", "get"),
        ("/readyz", "get"),
    }
    for ref in set(_refs(doc)):
        assert ref.removeprefix("#/components/schemas/") in doc["components"]["schemas"], ref
    schemas = doc["components"]["schemas"]
    case, decision = json_schema("case"), json_schema("decision")
    assert schemas["Case"]["properties"].keys() == case["properties"].keys()
    assert schemas["DecisionModel"]["properties"].keys() == decision["properties"].keys()
    # every response of the service validates against its documented schema
    op = doc["paths"]["/v1/decisions"]["post"]
    ok = _resolved(doc, op["responses"]["200"]["content"]["application/json"]["schema"])
    jsonschema.validate(client.post("/v1/decisions", json=CASE).json(), ok)
    bad = _resolved(doc, op["responses"]["422"]["content"][PROBLEM]["schema"])
    jsonschema.validate(client.post("/v1/decisions", json={"violation": 1}).json(), bad)
    req = _resolved(doc, op["requestBody"]["content"]["application/json"]["schema"])
    jsonschema.validate(CASE, req)
    batch = doc["paths"]["/v1/decisions:batch"]["post"]["responses"]["200"]["content"]
    jsonschema.validate(
        client.post("/v1/decisions:batch", json=[CASE, 1]).json(),
        _resolved(doc, batch["application/json"]["schema"]),
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("workers", [1, 2])
def test_envrules_serve_answers_like_envrules_decide(workers: int) -> None:
    port = _free_port()
    env = {**os.environ, "LANG": "C"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from envrules.tools.cli import main; main()",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--rulesets",
            str(RULESETS),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        r = httpx.post(f"{url}/v1/decisions", content=EXAMPLE.read_bytes(), timeout=30)
        assert r.status_code == 200 and r.text == cli_decide(EXAMPLE)
        bad = httpx.post(f"{url}/v1/decisions", json={**CASE, "violation": {"kind": "x"}}, timeout=30)
        assert bad.status_code == 422 and bad.headers["content-type"] == PROBLEM
    finally:
        proc.terminate()
        proc.wait(timeout=30)
