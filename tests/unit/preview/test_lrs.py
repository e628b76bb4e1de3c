"""The preview LRS: what the runtime needs of an LRS, and the cmi5 launch an LMS prepares."""

from __future__ import annotations

import json
from typing import Any

from aicourse_build.preview.lrs import AUTH_TOKEN, PREVIEW_ACTOR, PreviewLrs

AGENT = json.dumps(PREVIEW_ACTOR)
STATE = {"activityId": "https://example.org/a", "agent": AGENT, "registration": "r1"}


def _statement(verb: str = "experienced") -> dict[str, Any]:
    return {
        "actor": PREVIEW_ACTOR,
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
        "object": {"id": "https://example.org/a"},
    }


def test_posted_statements_get_ids_and_are_announced_once() -> None:
    seen: list[dict[str, Any]] = []
    lrs = PreviewLrs(on_statement=seen.append)
    body = json.dumps([_statement(), {**_statement("completed"), "id": "s-2"}]).encode()
    reply = lrs.handle("POST", "statements", {}, body, "application/json")
    assert reply.status == 200
    ids = json.loads(reply.body)
    assert len(ids) == 2 and ids[1] == "s-2"
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in seen] == ["experienced", "completed"]
    assert all("stored" in s and "timestamp" in s for s in seen)

    again = json.dumps({**_statement("completed"), "id": "s-2"}).encode()
    assert lrs.handle("POST", "statements", {}, again, "application/json").status == 200
    assert len(seen) == 2  # a retry is not a new statement


def test_put_with_a_used_id_and_other_content_conflicts() -> None:
    lrs = PreviewLrs()
    first = json.dumps(_statement()).encode()
    assert lrs.handle("PUT", "statements", {"statementId": "x"}, first, "").status == 204
    other = json.dumps(_statement("passed")).encode()
    assert lrs.handle("PUT", "statements", {"statementId": "x"}, other, "").status == 409
    got = lrs.handle("GET", "statements", {"statementId": "x"}, b"", "")
    assert json.loads(got.body)["verb"]["id"].endswith("experienced")


def test_bad_statement_bodies_are_refused() -> None:
    lrs = PreviewLrs()
    assert lrs.handle("POST", "statements", {}, b"{not json", "").status == 400
    assert lrs.handle("POST", "statements", {}, b"[1, 2]", "").status == 400
    assert lrs.handle("PUT", "statements", {}, b"{}", "").status == 400


def test_state_documents_put_get_merge_delete() -> None:
    changes: list[tuple[str, str]] = []
    lrs = PreviewLrs(on_document=lambda method, doc_id, body: changes.append((method, doc_id)))
    query = {**STATE, "stateId": "bookmark"}
    assert lrs.handle("GET", "activities/state", query, b"", "").status == 404
    assert (
        lrs.handle("PUT", "activities/state", query, b'{"l": "a"}', "application/json").status
        == 204
    )
    assert (
        lrs.handle("POST", "activities/state", query, b'{"s": 1}', "application/json").status == 204
    )
    got = lrs.handle("GET", "activities/state", query, b"", "")
    assert json.loads(got.body) == {"l": "a", "s": 1}
    listing = lrs.handle("GET", "activities/state", STATE, b"", "")
    assert json.loads(listing.body) == ["bookmark"]
    # the same agent written with other key order is the same agent
    reordered = {**query, "agent": json.dumps(dict(reversed(PREVIEW_ACTOR.items())))}
    assert lrs.handle("GET", "activities/state", reordered, b"", "").status == 200
    assert lrs.handle("DELETE", "activities/state", query, b"", "").status == 204
    assert lrs.handle("GET", "activities/state", query, b"", "").status == 404
    assert changes == [("PUT", "bookmark"), ("POST", "bookmark"), ("DELETE", "bookmark")]


def test_documents_need_an_agent() -> None:
    lrs = PreviewLrs()
    reply = lrs.handle("GET", "activities/state", {"activityId": "a", "stateId": "x"}, b"", "")
    assert reply.status == 400


def test_agent_profile_is_absent_until_written() -> None:
    lrs = PreviewLrs()
    query = {"agent": AGENT, "profileId": "cmi5LearnerPreferences"}
    assert lrs.handle("GET", "agents/profile", query, b"", "").status == 404


def test_cmi5_launch_data_fetch_once_and_launched_statement() -> None:
    seen: list[dict[str, Any]] = []
    lrs = PreviewLrs(on_statement=seen.append)
    session = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
    data = {"contextTemplate": {"extensions": {session: "s1"}}, "launchMode": "Normal"}
    lrs.prepare_cmi5_launch("https://example.org/au", "r1", data, "tok")

    first = json.loads(lrs.handle("POST", "fetch/tok", {}, b"", "").body)
    assert first == {"auth-token": AUTH_TOKEN}
    second = json.loads(lrs.handle("POST", "fetch/tok", {}, b"", "").body)
    assert second["error-code"] == "1"
    unknown = json.loads(lrs.handle("POST", "fetch/other", {}, b"", "").body)
    assert unknown["error-code"] == "2"

    query = {"activityId": "https://example.org/au", "agent": AGENT, "registration": "r1"}
    got = lrs.handle("GET", "activities/state", {**query, "stateId": "LMS.LaunchData"}, b"", "")
    assert json.loads(got.body)["launchMode"] == "Normal"
    [launched] = seen
    assert launched["verb"]["id"] == "http://adlnet.gov/expapi/verbs/launched"
    assert launched["context"]["registration"] == "r1"
    assert launched["context"]["extensions"][session] == "s1"


def test_forget_drops_one_registrations_state() -> None:
    lrs = PreviewLrs()
    for registration in ("r1", "r2"):
        query = {**STATE, "registration": registration, "stateId": "s"}
        lrs.handle("PUT", "activities/state", query, b"{}", "application/json")
    lrs.forget("r1")
    assert lrs.handle("GET", "activities/state", {**STATE, "stateId": "s"}, b"", "").status == 404
    kept = {**STATE, "registration": "r2", "stateId": "s"}
    assert lrs.handle("GET", "activities/state", kept, b"", "").status == 200


def test_unknown_resources_are_404() -> None:
    assert PreviewLrs().handle("GET", "activities/profile", {}, b"", "").status == 404
    about = PreviewLrs().handle("GET", "about", {}, b"", "")
    assert json.loads(about.body) == {"version": ["1.0.3"]}
