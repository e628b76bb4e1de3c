"""The test LRS without a browser: Ralph behind it, the document resources, auth, CORS, faults,
the cmi5 fetch URL, and Ralph's statement model."""

from __future__ import annotations

import hashlib
import http.client
import json
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from lrs_server import LAUNCH_DATA, XAPI_VERSION, Credentials, TestLrs, ralph_validate

ACTIVITY = "https://www.ai.se/xapi/courses/test-course"
AGENT = {"objectType": "Agent", "account": {"homePage": "https://lms.test", "name": "u-1"}}


def agent(name: str = "u-1", **extra: Any) -> dict[str, Any]:
    return {
        "objectType": "Agent",
        "account": {"homePage": "https://lms.test", "name": name},
        **extra,
    }


def state_params(
    state_id: str | None = "bookmark",
    registration: str | None = None,
    who: dict[str, Any] | None = None,
    activity: str = ACTIVITY,
) -> dict[str, str]:
    params = {"activityId": activity, "agent": json.dumps(who or AGENT)}
    if state_id is not None:
        params["stateId"] = state_id
    if registration is not None:
        params["registration"] = registration
    return params


def statement(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "actor": agent(),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/initialized", "display": {"en-US": "init"}},
        "object": {"id": ACTIVITY, "objectType": "Activity"},
        "context": {"registration": str(uuid.uuid4())},
        "timestamp": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
    }
    base.update(over)
    return base


def found_ids(body: bytes) -> list[str]:
    """Ids in a GET statements answer. Ralph answers a statementId query with a StatementResult
    ({"statements": [...]}) where xAPI says the statement itself; accept both."""
    data = json.loads(body)
    items = data.get("statements", [data])
    return [str(s["id"]) for s in items]


# --- State resource --------------------------------------------------------------------------


def test_state_absent_is_404_then_put_get_round_trip(lrs: TestLrs) -> None:
    reg = str(uuid.uuid4())
    status, _, _ = lrs.call("GET", "activities/state", state_params(registration=reg))
    assert status == 404
    doc = {"page": "vad-ar-ai", "s": "abc"}
    status, body, _ = lrs.call("PUT", "activities/state", state_params(registration=reg), doc)
    assert status == 204, body
    status, body, headers = lrs.call("GET", "activities/state", state_params(registration=reg))
    assert status == 200
    assert json.loads(body) == doc
    assert headers["content-type"] == "application/json"
    assert headers["etag"] == f'"{hashlib.sha1(body).hexdigest()}"'
    assert "last-modified" in headers


def test_state_is_keyed_by_activity_agent_registration_and_id(lrs: TestLrs) -> None:
    reg = str(uuid.uuid4())
    lrs.call("PUT", "activities/state", state_params(registration=reg), {"x": 1})
    for params in (
        state_params(registration=str(uuid.uuid4())),
        state_params(registration=None),
        state_params(registration=reg, who=agent("someone-else")),
        state_params(registration=reg, activity=ACTIVITY + "/other"),
        state_params(state_id="other", registration=reg),
    ):
        status, _, _ = lrs.call("GET", "activities/state", params)
        assert status == 404, params
    # the agent is its identifier: a name or a missing objectType does not make another agent
    same = {"account": AGENT["account"], "name": "Tove"}
    status, body, _ = lrs.call("GET", "activities/state", state_params(registration=reg, who=same))
    assert status == 200 and json.loads(body) == {"x": 1}


def test_state_ids_list_and_since(lrs: TestLrs) -> None:
    reg = str(uuid.uuid4())
    before = datetime.now(UTC) - timedelta(seconds=1)
    for state_id in ("a", "b"):
        lrs.call("PUT", "activities/state", state_params(state_id, reg), {"id": state_id})
    status, body, headers = lrs.call("GET", "activities/state", state_params(None, reg))
    assert status == 200 and sorted(json.loads(body)) == ["a", "b"]
    assert "etag" in headers
    later = datetime.now(UTC) + timedelta(seconds=5)
    for since, expected in ((before, ["a", "b"]), (later, [])):
        params = {**state_params(None, reg), "since": since.isoformat()}
        status, body, _ = lrs.call("GET", "activities/state", params)
        assert status == 200 and sorted(json.loads(body)) == expected


def test_state_post_merges_top_level_json(lrs: TestLrs) -> None:
    params = state_params(registration=str(uuid.uuid4()))
    status, _, _ = lrs.call("POST", "activities/state", params, {"x": "foo", "y": "bar"})
    assert status == 204
    status, _, _ = lrs.call("POST", "activities/state", params, {"x": "bash", "z": {"a": 1}})
    assert status == 204
    _, body, _ = lrs.call("GET", "activities/state", params)
    assert json.loads(body) == {"x": "bash", "y": "bar", "z": {"a": 1}}


def test_state_post_refuses_what_is_not_a_json_object(lrs: TestLrs) -> None:
    params = state_params(registration=str(uuid.uuid4()))
    lrs.call("PUT", "activities/state", params, {"x": 1})
    for body, headers in (
        (b"[1, 2]", {}),
        (b"not json", {}),
        (b'{"y": 2}', {"Content-Type": "text/plain"}),
    ):
        status, _, _ = lrs.call("POST", "activities/state", params, body, headers)
        assert status == 400, body
    _, body, _ = lrs.call("GET", "activities/state", params)
    assert json.loads(body) == {"x": 1}, "a refused POST changed the document"
    # nor can a stored non-JSON document be merged into
    other = state_params("text", registration=str(uuid.uuid4()))
    lrs.call("PUT", "activities/state", other, b"plain", {"Content-Type": "text/plain"})
    status, _, _ = lrs.call("POST", "activities/state", other, {"y": 2})
    assert status == 400


def test_state_if_match_and_if_none_match(lrs: TestLrs) -> None:
    params = state_params(registration=str(uuid.uuid4()))
    # If-Match on an absent document, If-None-Match: * on an absent one
    status, _, _ = lrs.call("PUT", "activities/state", params, {"v": 1}, {"If-Match": '"abc"'})
    assert status == 412
    status, _, _ = lrs.call("PUT", "activities/state", params, {"v": 1}, {"If-None-Match": "*"})
    assert status == 204
    _, _, headers = lrs.call("GET", "activities/state", params)
    etag = headers["etag"]
    status, _, _ = lrs.call("PUT", "activities/state", params, {"v": 2}, {"If-None-Match": "*"})
    assert status == 412
    status, _, _ = lrs.call("PUT", "activities/state", params, {"v": 2}, {"If-Match": '"stale"'})
    assert status == 412
    status, _, _ = lrs.call("POST", "activities/state", params, {"w": 2}, {"If-Match": '"no"'})
    assert status == 412
    status, _, _ = lrs.call("DELETE", "activities/state", params, headers={"If-Match": '"no"'})
    assert status == 412
    _, body, _ = lrs.call("GET", "activities/state", params)
    assert json.loads(body) == {"v": 1}, "a failed precondition changed the document"
    status, _, _ = lrs.call("PUT", "activities/state", params, {"v": 3}, {"If-Match": etag})
    assert status == 204
    # the State resource does not require the headers (xAPI 3.1)
    status, _, _ = lrs.call("PUT", "activities/state", params, {"v": 4})
    assert status == 204


def test_state_delete_one_and_all(lrs: TestLrs) -> None:
    reg = str(uuid.uuid4())
    for state_id in ("a", "b", "c"):
        lrs.call("PUT", "activities/state", state_params(state_id, reg), {"id": state_id})
    status, _, _ = lrs.call("DELETE", "activities/state", state_params("a", reg))
    assert status == 204
    _, body, _ = lrs.call("GET", "activities/state", state_params(None, reg))
    assert sorted(json.loads(body)) == ["b", "c"]
    status, _, _ = lrs.call("DELETE", "activities/state", state_params(None, reg))
    assert status == 204
    _, body, _ = lrs.call("GET", "activities/state", state_params(None, reg))
    assert json.loads(body) == []


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"activityId": ACTIVITY, "stateId": "x"}, "no agent"),
        ({"activityId": ACTIVITY, "agent": "{not json", "stateId": "x"}, "agent not JSON"),
        ({"activityId": ACTIVITY, "agent": '{"name": "no ifi"}', "stateId": "x"}, "no IFI"),
        ({"agent": json.dumps(AGENT), "stateId": "x"}, "no activityId"),
        ({**state_params(), "registration": "not-a-uuid"}, "registration"),
        ({**state_params(), "statementId": "x"}, "unknown parameter"),
    ],
)
def test_state_bad_requests(lrs: TestLrs, params: dict[str, str], reason: str) -> None:
    status, body, _ = lrs.call("GET", "activities/state", params)
    assert status == 400, (reason, body)


def test_put_needs_a_state_id(lrs: TestLrs) -> None:
    status, _, _ = lrs.call("PUT", "activities/state", state_params(None), {"x": 1})
    assert status == 400


def test_launch_data_is_the_lms_s(lrs: TestLrs) -> None:
    params = state_params(LAUNCH_DATA, str(uuid.uuid4()))
    status, _, _ = lrs.call("PUT", "activities/state", params, {"launchMode": "Normal"})
    assert status == 204
    status, _, _ = lrs.call(
        "PUT", "activities/state", params, {"launchMode": "Browse"}, auth=lrs.launch
    )
    assert status == 403
    assert lrs.violations and LAUNCH_DATA in lrs.violations[0]
    status, body, _ = lrs.call("GET", "activities/state", params, auth=lrs.launch)
    assert status == 200 and json.loads(body) == {"launchMode": "Normal"}


# --- Agent Profile resource ------------------------------------------------------------------


def profile_params(profile_id: str | None = "cmi5LearnerPreferences", **who: Any) -> dict[str, str]:
    params = {"agent": json.dumps(agent(**who) if who else agent(str(uuid.uuid4())))}
    if profile_id is not None:
        params["profileId"] = profile_id
    return params


def test_agent_profile_concurrency(lrs: TestLrs) -> None:
    params = profile_params()
    status, _, _ = lrs.call("GET", "agents/profile", params)
    assert status == 404
    prefs = {"languagePreference": "sv-SE", "audioPreference": "off"}
    status, _, _ = lrs.call("PUT", "agents/profile", params, prefs)
    assert status == 204, "a new profile document may be PUT without a precondition"
    status, body, headers = lrs.call("GET", "agents/profile", params)
    assert status == 200 and json.loads(body) == prefs
    assert headers["etag"] == f'"{hashlib.sha1(body).hexdigest()}"'
    status, body, _ = lrs.call("PUT", "agents/profile", params, {"audioPreference": "on"})
    assert status == 409, "overwriting without If-Match/If-None-Match must be a conflict"
    assert b"If-Match" in body
    status, _, _ = lrs.call("PUT", "agents/profile", params, prefs, {"If-None-Match": "*"})
    assert status == 412
    status, _, _ = lrs.call("PUT", "agents/profile", params, prefs, {"If-Match": '"old"'})
    assert status == 412
    changed = {**prefs, "audioPreference": "on"}
    status, _, _ = lrs.call("PUT", "agents/profile", params, changed, {"If-Match": headers["etag"]})
    assert status == 204
    status, _, _ = lrs.call("POST", "agents/profile", params, {"languagePreference": "en-US"})
    assert status == 204
    _, body, _ = lrs.call("GET", "agents/profile", params)
    assert json.loads(body) == {"languagePreference": "en-US", "audioPreference": "on"}
    ids_params = {"agent": params["agent"]}
    _, body, _ = lrs.call("GET", "agents/profile", ids_params)
    assert json.loads(body) == ["cmi5LearnerPreferences"]
    status, _, _ = lrs.call("DELETE", "agents/profile", ids_params)
    assert status == 400, "DELETE needs a profileId"
    status, _, _ = lrs.call("DELETE", "agents/profile", params)
    assert status == 204
    status, _, _ = lrs.call("GET", "agents/profile", params)
    assert status == 404


def test_agent_profile_refuses_state_parameters(lrs: TestLrs) -> None:
    params = {**profile_params(), "activityId": ACTIVITY}
    status, _, _ = lrs.call("GET", "agents/profile", params)
    assert status == 400


# --- version header, credentials, CORS -------------------------------------------------------


@pytest.mark.parametrize("resource", ["activities/state", "agents/profile", "statements"])
def test_version_header_and_credentials_are_checked(lrs: TestLrs, resource: str) -> None:
    params = state_params() if resource == "activities/state" else profile_params()
    if resource == "statements":
        params = {}
    status, _, _ = lrs.call("GET", resource, params, version=None)
    assert status == 400
    status, _, _ = lrs.call("GET", resource, params, version="0.95")
    assert status == 400
    status, _, _ = lrs.call("GET", resource, params, auth=None)
    assert status == 401
    status, _, _ = lrs.call("GET", resource, params, auth=Credentials("lms", "wrong"))
    assert status == 401
    status, _, _ = lrs.call("GET", resource, params, auth="Bearer abc")
    assert status == 401
    status, _, _ = lrs.call("GET", resource, params, version="1.0.0")
    assert status in (200, 404)


def test_about_needs_nothing(lrs: TestLrs) -> None:
    status, body, _ = lrs.call("GET", "about", auth=None, version=None)
    assert status == 200 and XAPI_VERSION in json.loads(body)["version"]


def test_cors_preflight_and_exposed_headers(lrs: TestLrs) -> None:
    origin = "http://127.0.0.1:1"
    conn = http.client.HTTPConnection("127.0.0.1", lrs.port, timeout=10)
    conn.request(
        "OPTIONS",
        "/xAPI/activities/state",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "authorization,content-type,x-experience-api-version",
        },
    )
    resp = conn.getresponse()
    resp.read()
    conn.close()
    assert resp.status == 204
    assert resp.getheader("Access-Control-Allow-Origin") == origin
    allowed = (resp.getheader("Access-Control-Allow-Headers") or "").lower()
    for name in ("authorization", "content-type", "x-experience-api-version", "if-match"):
        assert name in allowed
    assert "PUT" in (resp.getheader("Access-Control-Allow-Methods") or "")
    _, _, headers = lrs.call("GET", "activities/state", state_params(), headers={"Origin": origin})
    assert headers["access-control-allow-origin"] == origin
    assert "etag" in headers["access-control-expose-headers"].lower()


# --- statements: Ralph behind the proxy -----------------------------------------------------


def test_statements_are_stored_by_ralph(lrs: TestLrs) -> None:
    one = statement()
    reg = one["context"]["registration"]
    status, body, _ = lrs.call("POST", "statements", body=one, auth=lrs.launch)
    assert status == 200, body
    assert json.loads(body) == [one["id"]]
    logged = lrs.requests("statements", "POST")[-1]
    assert logged.statement_ids == [one["id"]] and logged.who == "launch"
    # the same statement again (a retry): stored once
    status, _, _ = lrs.call("POST", "statements", body=[one], auth=lrs.launch)
    assert status in (200, 204)
    two = statement(context={"registration": reg})
    status, _, _ = lrs.call(
        "PUT", "statements", {"statementId": two["id"]}, body=two, auth=lrs.launch
    )
    assert status == 204
    stored = lrs.statements(registration=reg)
    assert [s["id"] for s in stored] == [one["id"], two["id"]]
    assert stored[0]["actor"] == one["actor"] and "stored" in stored[0]
    # through the proxy, with the client's own query
    status, body, _ = lrs.call("GET", "statements", {"statementId": one["id"]}, auth=lrs.launch)
    assert status == 200 and found_ids(body) == [one["id"]]
    params = {"agent": json.dumps(agent()), "registration": reg}
    status, body, _ = lrs.call("GET", "statements", params)
    assert status == 200 and len(json.loads(body)["statements"]) == 2


def test_ralph_refuses_a_statement_without_an_agent(lrs: TestLrs) -> None:
    """Ralph checks little when storing (its LaxStatement: actor, and an id, verb and object
    that are there); the statement checks of the browser tests run its full model instead."""
    bad = statement(actor={"name": "no identifier"})
    status, _, _ = lrs.call("POST", "statements", body=bad, auth=lrs.launch)
    assert status in (400, 422)  # FastAPI's 422 where xAPI says 400
    status, body, _ = lrs.call("GET", "statements", {"statementId": bad["id"]})
    assert status == 404 or found_ids(body) == []


def test_ralph_model_check() -> None:
    good = statement()
    bad = statement(result={"score": {"scaled": 2}, "duration": "12 minutes"})
    problems = ralph_validate([good, bad])
    assert len(problems) == 1 and bad["id"] in problems[0], problems
    assert "scaled" in problems[0] and "duration" in problems[0]


# --- faults -----------------------------------------------------------------------------------


def test_refuse_a_count_then_recover(lrs: TestLrs) -> None:
    lrs.refuse(count=2)
    sts = [statement() for _ in range(3)]
    results = [lrs.call("POST", "statements", body=s, auth=lrs.launch)[0] for s in sts]
    assert results == [503, 503, 200]
    refused = [r for r in lrs.requests("statements") if r.refused]
    assert [r.statement_ids for r in refused] == [[sts[0]["id"]], [sts[1]["id"]]]
    for s, stored in zip(sts, (False, False, True), strict=True):
        status, body, _ = lrs.call("GET", "statements", {"statementId": s["id"]})
        assert (status == 200 and found_ids(body) == [s["id"]]) is stored


def test_refuse_for_a_while(lrs: TestLrs) -> None:
    lrs.refuse(seconds=0.4, resources=("activities/state",))
    status, _, headers = lrs.call("GET", "activities/state", state_params())
    assert status == 503
    assert "access-control-allow-origin" in headers, "a refusal must still be readable by a page"
    status, _, _ = lrs.call("GET", "agents/profile", profile_params())
    assert status == 404, "only the resources named are refused"
    time.sleep(0.5)
    status, _, _ = lrs.call("GET", "activities/state", state_params())
    assert status in (200, 404)


def test_lose_reply_stores_but_answers_failure(lrs: TestLrs) -> None:
    one = statement()
    lrs.refuse(count=1, mode="lose_reply")
    status, _, _ = lrs.call("POST", "statements", body=one, auth=lrs.launch)
    assert status == 503
    status, _, _ = lrs.call("POST", "statements", body=one, auth=lrs.launch)
    assert status in (200, 204)
    stored = lrs.statements(registration=one["context"]["registration"])
    assert [s["id"] for s in stored] == [one["id"]], "a retried statement is stored once"


def test_drop_closes_without_answer(lrs: TestLrs) -> None:
    lrs.refuse(count=1, mode="drop")
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        lrs.call("GET", "activities/state", state_params())
    status, _, _ = lrs.call("GET", "activities/state", state_params())
    assert status in (200, 404)


# --- cmi5 fetch URL ---------------------------------------------------------------------------


def post(url: str, method: str = "POST") -> tuple[int, dict[str, Any]]:
    parsed = http.client.urlsplit(url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    conn.request(method, parsed.path)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, json.loads(body)


def test_fetch_url_gives_its_token_once(lrs: TestLrs) -> None:
    url, key = lrs.new_fetch_url()
    status, reply = post(url, "GET")
    assert status == 405, "GET is not allowed on the fetch URL"
    status, reply = post(url)
    assert status == 200 and reply == {"auth-token": key.token}
    status, reply = post(url)
    assert status == 200 and reply["error-code"] == "1"
    status, reply = post(f"{lrs.origin}/fetch/unknown")
    assert reply["error-code"] == "2"
    # the token is Basic credentials for this session
    token = f"Basic {key.token}"
    params = state_params(registration=str(uuid.uuid4()))
    status, _, _ = lrs.call("PUT", "activities/state", params, {"b": 1}, auth=token)
    assert status == 204
    one = statement()
    status, _, _ = lrs.call("POST", "statements", body=one, auth=token)
    assert status == 200
    lrs.close_session(key.key)
    status, _, _ = lrs.call("GET", "activities/state", params, auth=token)
    assert status == 401, "a session's token ends with the session"


def test_token_not_fetched_is_not_valid(lrs: TestLrs) -> None:
    _, key = lrs.new_fetch_url()
    status, _, _ = lrs.call("GET", "activities/state", state_params(), auth=f"Basic {key.token}")
    assert status == 401


def test_lms_pages(lrs: TestLrs) -> None:
    status, body, headers = lrs.call("GET", "/lms/return", {"s": "1"}, auth=None, version=None)
    assert status == 200 and b"Tillbaka i LMS" in body
    assert headers["content-type"].startswith("text/html")
