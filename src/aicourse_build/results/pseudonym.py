"""Who a fact is about, without saying who: the one place identities are turned into keys.

A launch's registration (xAPI/cmi5) is already a random id per learner and course: facts carry it
as it is, so a pre-test and a post-test pulled from an LRS on different days pair. Where a source
has no registration (a Moodle/Totara download, statements launched without one), the learner is
a keyed hash of whatever identifies them in the source. The key is random and lives only for the
run, so nobody can recompute a learner's key from a name, and a key means nothing after the run.

The hash is SHA-256 over the secret key and the identity, computed the same way in Python and in
the analytical engine's SQL (which has SHA-256 but no HMAC): only equality within a run matters,
and the key is never written anywhere.
"""

from __future__ import annotations

import hashlib
import secrets

SEPARATOR = "\x1f"
LENGTH = 24  # hex digits kept: 96 bits, no collision among millions of learners


class Pseudonyms:
    def __init__(self, key: bytes | None = None) -> None:
        # a test may fix the key to compare runs; a real run never does
        self.key = (key if key is not None else secrets.token_bytes(32)).hex()

    def of(self, identity: str) -> str:
        """A learner key for an identity (a user id, an e-mail address, an actor's IFI...)."""
        digest = hashlib.sha256(f"{self.key}{SEPARATOR}{identity}".encode()).hexdigest()
        return "h:" + digest[:LENGTH]

    def sql(self, identity_expression: str) -> str:
        """The same key computed in SQL from an expression giving the identity."""
        return (
            f"('h:' || left(sha256('{self.key}' || chr(31) || ({identity_expression})), {LENGTH}))"
        )

    @staticmethod
    def registration(registration: str) -> str:
        return "r:" + registration.strip().lower()
