"""A small in-memory LRS for the preview: statements, State and Agent Profile documents, and
the cmi5 fetch URL.

It exists so authors can watch the statements the runtime sends; conformance is tested
against Ralph (tests/lrs), not against this.
"""

from __future__ import annotations

import base64
import json
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

VERSION = "1.0.3"
PREVIEW_ACTOR = {
    "objectType": "Agent",
    "name": "Förhandsvisning",
    "mbox": "mailto:preview@example.invalid",
}
# the fetch URL hands this out; the preview LRS accepts any credentials on 127.0.0.1
AUTH_TOKEN = base64.b64encode(b"preview:preview").decode("ascii")


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes = b""
    content_type: str = "application/json"


def _json(status: int, data: Any) -> Reply:
    return Reply(status, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _canonical_agent(raw: str | None) -> str | None:
    if raw is None:
        return None
    try:
        return json.dumps(json.loads(raw), sort_keys=True, ensure_ascii=False)
    except ValueError:
        return None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class PreviewLrs:
    """Keeps what the runtime sends; `on_statement` sees each statement once, as stored."""

    on_statement: Callable[[dict[str, Any]], None] = lambda statement: None
    on_document: Callable[[str, str, bytes], None] = lambda method, doc_id, body: None
    statements: dict[str, dict[str, Any]] = field(default_factory=dict)
    documents: dict[tuple[str, ...], tuple[bytes, str]] = field(default_factory=dict)
    fetch_tokens: dict[str, bool] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def handle(
        self, method: str, path: str, query: dict[str, str], body: bytes, ctype: str
    ) -> Reply:
        """Answer one request below the endpoint; `path` is relative to it (e.g. "statements")."""
        with self._lock:
            if path == "statements":
                return self._statements(method, query, body)
            if path == "activities/state":
                return self._document(method, self._state_key(query), query, body, ctype)
            if path == "agents/profile":
                return self._document(method, self._profile_key(query), query, body, ctype)
            if path.startswith("fetch/") and method == "POST":
                return self._fetch(path.removeprefix("fetch/"))
            if path == "about":
                return _json(200, {"version": [VERSION]})
            return _json(404, {"error": f"no resource '{path}' in the preview LRS"})

    # statements ------------------------------------------------------------------------------

    def _statements(self, method: str, query: dict[str, str], body: bytes) -> Reply:
        if method == "GET":
            wanted = query.get("statementId")
            if wanted:
                found = self.statements.get(wanted)
                return _json(200, found) if found else _json(404, {"error": "no such statement"})
            return _json(200, {"statements": list(self.statements.values())[::-1], "more": ""})
        try:
            data = json.loads(body or b"null")
        except ValueError:
            return _json(400, {"error": "the body is not JSON"})
        if method == "PUT":
            if not isinstance(data, dict) or not query.get("statementId"):
                return _json(400, {"error": "PUT needs statementId and one statement"})
            data["id"] = query["statementId"]
            return Reply(204) if self._store(data) else _json(409, {"error": "id in use"})
        if method == "POST":
            batch = data if isinstance(data, list) else [data]
            if not all(isinstance(s, dict) for s in batch):
                return _json(400, {"error": "statements must be objects"})
            ids = []
            for statement in batch:
                statement.setdefault("id", str(uuid.uuid4()))
                if not self._store(statement):
                    return _json(409, {"error": f"statement {statement['id']} differs"})
                ids.append(statement["id"])
            return _json(200, ids)
        return _json(405, {"error": f"{method} is not allowed on statements"})

    def _store(self, statement: dict[str, Any]) -> bool:
        """False when another statement has the id; the same one again is fine (a retry)."""
        sid = str(statement["id"])
        if sid in self.statements:
            kept = {
                k: v for k, v in self.statements[sid].items() if k not in ("stored", "authority")
            }
            return kept == statement or kept == {**statement, "timestamp": kept.get("timestamp")}
        statement.setdefault("timestamp", _now())
        statement["stored"] = _now()
        statement["authority"] = {
            "objectType": "Agent",
            "name": "aicourse preview",
            "mbox": "mailto:lrs@example.invalid",
        }
        self.statements[sid] = statement
        self.on_statement(statement)
        return True

    # documents -------------------------------------------------------------------------------

    @staticmethod
    def _state_key(query: dict[str, str]) -> tuple[str, ...] | None:
        agent = _canonical_agent(query.get("agent"))
        if agent is None or "activityId" not in query:
            return None
        return ("state", query["activityId"], agent, query.get("registration", ""))

    @staticmethod
    def _profile_key(query: dict[str, str]) -> tuple[str, ...] | None:
        agent = _canonical_agent(query.get("agent"))
        return None if agent is None else ("profile", agent)

    def _document(
        self,
        method: str,
        scope: tuple[str, ...] | None,
        query: dict[str, str],
        body: bytes,
        ctype: str,
    ) -> Reply:
        if scope is None:
            return _json(400, {"error": "agent (JSON) and activityId are required"})
        doc_id = query.get("stateId") or query.get("profileId")
        if doc_id is None:
            if method != "GET":
                return _json(400, {"error": "a document id is required"})
            ids = [k[-1] for k in self.documents if k[:-1] == scope]
            return _json(200, sorted(ids))
        key = (*scope, doc_id)
        if method in ("PUT", "POST", "DELETE"):
            self.on_document(method, doc_id, body)
        if method == "GET":
            found = self.documents.get(key)
            if found is None:
                return _json(404, {"error": "no such document"})
            return Reply(200, found[0], found[1])
        if method == "DELETE":
            self.documents.pop(key, None)
            return Reply(204)
        if method == "PUT":
            self.documents[key] = (body, ctype or "application/octet-stream")
            return Reply(204)
        if method == "POST":
            return self._merge(key, body, ctype)
        return _json(405, {"error": f"{method} is not allowed"})

    def _merge(self, key: tuple[str, ...], body: bytes, ctype: str) -> Reply:
        try:
            update = json.loads(body)
            old = json.loads(self.documents[key][0]) if key in self.documents else {}
        except ValueError:
            return _json(400, {"error": "POST merges JSON documents only"})
        if not isinstance(update, dict) or not isinstance(old, dict):
            return _json(400, {"error": "POST merges JSON objects only"})
        merged = json.dumps({**old, **update}, ensure_ascii=False).encode("utf-8")
        self.documents[key] = (merged, "application/json")
        return Reply(204)

    # cmi5 --------------------------------------------------------------------------------------

    def prepare_cmi5_launch(
        self, activity_id: str, registration: str, launch_data: dict[str, Any], token: str
    ) -> None:
        """What an LMS does before it opens an AU: LMS.LaunchData, a one-time fetch URL and
        the "launched" statement."""
        agent = json.dumps(PREVIEW_ACTOR, sort_keys=True, ensure_ascii=False)
        with self._lock:
            body = json.dumps(launch_data, ensure_ascii=False).encode("utf-8")
            key = ("state", activity_id, agent, registration, "LMS.LaunchData")
            self.documents[key] = (body, "application/json")
            self.fetch_tokens[token] = False
            self._store(
                {
                    "id": str(uuid.uuid4()),
                    "actor": PREVIEW_ACTOR,
                    "verb": {
                        "id": "http://adlnet.gov/expapi/verbs/launched",
                        "display": {"en-US": "launched"},
                    },
                    "object": {"objectType": "Activity", "id": activity_id},
                    "context": {
                        "registration": registration,
                        "contextActivities": launch_data["contextTemplate"].get(
                            "contextActivities", {}
                        ),
                        "extensions": {
                            **launch_data["contextTemplate"]["extensions"],
                            "https://w3id.org/xapi/cmi5/context/extensions/launchmode": "Normal",
                            "https://w3id.org/xapi/cmi5/context/extensions/moveon": launch_data.get(
                                "moveOn", "Completed"
                            ),
                        },
                    },
                }
            )

    def _fetch(self, token: str) -> Reply:
        if token not in self.fetch_tokens:
            return _json(200, {"error-code": "2", "error-text": "unknown fetch URL"})
        if self.fetch_tokens[token]:
            return _json(200, {"error-code": "1", "error-text": "this fetch URL was used"})
        self.fetch_tokens[token] = True
        return _json(200, {"auth-token": AUTH_TOKEN})

    def forget(self, registration: str) -> None:
        """Drop every state document of one registration (the author restarts the course)."""
        with self._lock:
            for key in [k for k in self.documents if k[0] == "state" and k[3] == registration]:
                del self.documents[key]
