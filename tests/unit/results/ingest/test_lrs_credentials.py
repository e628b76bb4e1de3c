"""LRS credentials: from the environment or a netrc file, never from the course, never shown."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from aicourse_build.results.ingest.lrs_credentials import Credentials, LrsError, credentials

ENDPOINT = "https://lrs.example.org/xapi/"
SECRET = "pw-never-shown-7"


def basic_of(found: Credentials) -> str:
    return base64.b64decode(found.authorization.removeprefix("Basic ")).decode()


def netrc_file(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, so that no real ~/.netrc is read."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def test_from_the_environment_and_never_shown() -> None:
    env = {"AICOURSE_LRS_USERNAME": "key-1", "AICOURSE_LRS_PASSWORD": SECRET}
    found = credentials(ENDPOINT, environ=env)
    assert basic_of(found) == f"key-1:{SECRET}"
    assert found.source == "AICOURSE_LRS_USERNAME/AICOURSE_LRS_PASSWORD"
    for shown in (repr(found), str(found), f"{found}", repr([found])):
        assert SECRET not in shown and found.authorization not in shown
    token = credentials(ENDPOINT, environ={"AICOURSE_LRS_AUTHORIZATION": f"Bearer {SECRET} "})
    assert token.authorization == f"Bearer {SECRET}" and SECRET not in repr(token)
    with pytest.raises(LrsError, match="set both AICOURSE_LRS_USERNAME and"):
        credentials(ENDPOINT, environ={"AICOURSE_LRS_USERNAME": "key-1"})
    with pytest.raises(LrsError, match="not one header value"):
        credentials(ENDPOINT, environ={"AICOURSE_LRS_AUTHORIZATION": "Basic x\r\nX-Evil: 1"})


def test_nothing_given_says_how_to_give_them() -> None:
    with pytest.raises(LrsError) as raised:
        credentials(ENDPOINT, environ={})
    message = str(raised.value)
    assert message.startswith(f"{ENDPOINT}: no credentials for the LRS")
    assert "'machine lrs.example.org login <key> password <secret>' in ~/.netrc" in message


def test_a_netrc_file_named_or_in_the_home_folder(tmp_path: Path, home: Path) -> None:
    named = netrc_file(
        tmp_path / "lrs.netrc",
        f"machine other.example.org login x password y\n"
        f"machine lrs.example.org login key-2 password {SECRET}\n",
    )
    found = credentials(ENDPOINT, netrc_file=named, environ={"AICOURSE_LRS_USERNAME": "env"})
    assert basic_of(found) == f"key-2:{SECRET}" and found.source == str(named)
    with pytest.raises(LrsError, match=r"lrs.netrc: no 'machine nowhere.test' \(nor 'default'\)"):
        credentials("https://nowhere.test/xapi/", netrc_file=named)
    netrc_file(home / ".netrc", f"default login key-3 password {SECRET}\n")
    assert basic_of(credentials(ENDPOINT, environ={})) == f"key-3:{SECRET}"
    (home / ".netrc").chmod(0o644)  # Python's own check on ~/.netrc
    with pytest.raises(LrsError, match=r"~/\.netrc access too permissive"):
        credentials(ENDPOINT, environ={})


def test_a_netrc_file_in_the_course_or_its_repository_is_refused(tmp_path: Path) -> None:
    repository = tmp_path / "courses"
    course = repository / "content" / "kurs"
    course.mkdir(parents=True)
    (repository / ".git").mkdir()
    text = f"machine lrs.example.org login key password {SECRET}\n"
    for place in (course / ".netrc", repository / "secrets" / "lrs.netrc"):
        place.parent.mkdir(exist_ok=True)
        with pytest.raises(LrsError, match="could be committed and published with it"):
            credentials(ENDPOINT, course, netrc_file=netrc_file(place, text))
    outside = netrc_file(tmp_path / "lrs.netrc", text)
    assert basic_of(credentials(ENDPOINT, course, netrc_file=outside)) == f"key:{SECRET}"


def test_a_broken_netrc_file_is_reported_without_its_contents(tmp_path: Path) -> None:
    broken = netrc_file(tmp_path / "lrs.netrc", f"machine lrs.example.org login k {SECRET}\n")
    with pytest.raises(LrsError) as raised:
        credentials(ENDPOINT, netrc_file=broken)
    assert str(raised.value).startswith(f"{broken}:") and SECRET not in str(raised.value)
    assert str(raised.value).endswith(": not netrc syntax")
    with pytest.raises(LrsError, match=r"missing.netrc: cannot read it \(No such file"):
        credentials(ENDPOINT, netrc_file=tmp_path / "missing.netrc")
