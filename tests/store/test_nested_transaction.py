"""A transaction inside a transaction is a savepoint: the outer one commits once."""

from __future__ import annotations

import pytest

from reflectjournal.store.database import Database


class Boom(Exception):
    """Raised on purpose inside a transaction."""


def _insert_then_fail(db: Database, value: int) -> None:
    with db.transaction():
        db.execute("INSERT INTO t VALUES (?)", (value,))
        raise Boom


def _nested_insert_then_fail(db: Database) -> None:
    with db.transaction():
        with db.transaction():
            db.execute("INSERT INTO t VALUES (1)")
        raise Boom


def test_inner_failure_rolls_back_only_the_inner_block(empty_db: Database) -> None:
    db = empty_db
    db.execute("CREATE TABLE t (x)")
    with db.transaction():
        db.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(Boom):
            _insert_then_fail(db, 2)
        with db.transaction():
            db.execute("INSERT INTO t VALUES (3)")
    assert [r[0] for r in db.rows("SELECT x FROM t ORDER BY x")] == [1, 3]
    assert not db.in_transaction


def test_outer_failure_rolls_back_inner_work(empty_db: Database) -> None:
    db = empty_db
    db.execute("CREATE TABLE t (x)")
    with pytest.raises(Boom):
        _nested_insert_then_fail(db)
    assert db.scalar("SELECT count(*) FROM t") == 0
