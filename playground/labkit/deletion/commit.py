"""The error a delete's COMMIT ends in when a DO_NOTHING reference is left behind.

Django declares every foreign key ``DEFERRABLE INITIALLY DEFERRED`` (on PostgreSQL and
SQLite), so a delete that leaves a reference dangling succeeds statement by statement and
fails at COMMIT. An observed delete is rolled back and never commits, so:

- PostgreSQL: ``SET CONSTRAINTS ALL IMMEDIATE`` runs the deferred checks now, in queue
  order. Checks still queued from rows created earlier in the same transaction (the
  matrix creates its parent and children just before deleting) would fire first and
  speak of the *insert* ("insert or update on table child …"); ``flush_pending_checks()``
  runs them before the delete, so the check after it raises exactly what COMMIT raises:
  "update or delete on table parent violates foreign key constraint … on table child".
- SQLite has no ``SET CONSTRAINTS``: a deferred violation is only ever reported by COMMIT,
  as "FOREIGN KEY constraint failed" (naming no table). Inside the rolled-back
  transaction, Django's ``PRAGMA foreign_key_check`` finds the rows (its own wording:
  "The row in table … has an invalid foreign key"); ``sqlite_commit_error()`` obtains
  the COMMIT's own wording from a real COMMIT of the same kind of key, on a scratch
  in-memory database.
"""

from __future__ import annotations

import functools
import sqlite3

from django.db import IntegrityError


def flush_pending_checks(connection) -> None:
    """Run the deferred constraint checks queued so far (PostgreSQL), so later ones are the delete's own."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@functools.cache
def sqlite_commit_error() -> str:
    """What SQLite's COMMIT says about a deferred foreign key left dangling: measured, not typed in."""
    scratch = sqlite3.connect(":memory:", isolation_level=None)
    try:
        scratch.execute("PRAGMA foreign_keys = ON")
        scratch.execute("CREATE TABLE parent (id integer PRIMARY KEY)")
        scratch.execute(
            "CREATE TABLE child (id integer PRIMARY KEY, "
            "parent_id integer REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)"
        )
        scratch.execute("INSERT INTO parent (id) VALUES (1)")
        scratch.execute("INSERT INTO child (id, parent_id) VALUES (1, 1)")
        scratch.execute("BEGIN")
        scratch.execute("DELETE FROM parent WHERE id = 1")
        try:
            scratch.execute("COMMIT")
        except sqlite3.IntegrityError as err:
            return str(err)
        return ""  # pragma: no cover - SQLite would have to stop enforcing foreign keys
    finally:
        scratch.close()


def commit_error(exception: BaseException | None, vendor: str) -> str | None:
    """The message the real COMMIT of this delete ends in, or None if it would commit."""
    if not isinstance(exception, IntegrityError):
        return None
    if vendor == "sqlite":
        return sqlite_commit_error()
    return str(exception).strip()
