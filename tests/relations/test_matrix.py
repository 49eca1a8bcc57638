"""The on_delete matrix: its JSON schema, Django's documented semantics, and the live schema."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from relations.matrix import KEY_SCENARIOS, OPTION_SCENARIOS, SCENARIOS, compute_matrix, on_delete_sql
from tests.conftest import requires_postgres

pytestmark = pytest.mark.django_db

OPTION_NAMES = [
    "CASCADE",
    "PROTECT",
    "RESTRICT",
    "SET_NULL",
    "SET_DEFAULT",
    "SET(value)",
    "SET(callable)",
    "DO_NOTHING",
    "DB_CASCADE",
    "DB_SET_NULL",
    "DB_SET_DEFAULT",
]

# What Django's documentation says happens to the children, per option.
DOCUMENTED = {
    "CASCADE": ("deleted", None, True),
    "PROTECT": ("blocked", "django.db.models.deletion.ProtectedError", False),
    "RESTRICT": ("blocked", "django.db.models.deletion.RestrictedError", False),
    "SET_NULL": ("set_null", None, False),
    "SET_DEFAULT": ("set_default", None, False),
    "SET(value)": ("set_value", None, False),
    "SET(callable)": ("set_value", None, False),
    "DO_NOTHING": ("integrity_error", "django.db.utils.IntegrityError", False),
    "DB_CASCADE": ("deleted", None, False),
    "DB_SET_NULL": ("set_null", None, False),
    "DB_SET_DEFAULT": ("set_default", None, False),
}


@pytest.fixture(scope="module")
def matrix_json(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        out = StringIO()
        call_command("ondelete_matrix", "--json", stdout=out)
        return json.loads(out.getvalue())


# What the real delete of a parent with two children returned, per option (None: it raised).
RETURNED = {
    "CASCADE": [3, {"relations.CascadeChild": 2, "relations.Parent": 1}],
    "PROTECT": None,
    "RESTRICT": None,
    "SET_NULL": [1, {"relations.Parent": 1}],
    "SET_DEFAULT": [1, {"relations.Parent": 1}],
    "SET(value)": [1, {"relations.Parent": 1}],
    "SET(callable)": [1, {"relations.Parent": 1}],
    "DO_NOTHING": None,
    "DB_CASCADE": [1, {"relations.DbParent": 1}],
    "DB_SET_NULL": [1, {"relations.DbParent": 1}],
    "DB_SET_DEFAULT": [1, {"relations.DbParent": 1}],
}

# The statement Django sent to change the two children, per option (None: Django wrote none).
CHILD_WRITE = {
    "CASCADE": 'DELETE FROM "relations_cascadechild" WHERE "relations_cascadechild"."id" IN (',
    "SET_NULL": 'UPDATE "relations_setnullchild" SET "set_null_id" = NULL WHERE ',
    "SET_DEFAULT": 'UPDATE "relations_setdefaultchild" SET "set_default_id" = \'default\' WHERE ',
    "SET(value)": 'UPDATE "relations_setvaluechild" SET "set_value_id" = \'archive\' WHERE ',
    "SET(callable)": 'UPDATE "relations_setcallablechild" SET "set_callable_id" = ',
}

# The messages of the exceptions the blocked deletes raised.
MESSAGES = {
    "PROTECT": "because they are referenced through protected foreign keys: 'ProtectChild.protect'.",
    "RESTRICT": "because they are referenced through restricted foreign keys: 'RestrictChild.restrict'.",
}


def test_each_row_holds_what_the_real_delete_did(matrix_json):
    assert len(matrix_json) == (len(OPTION_NAMES) + len(KEY_SCENARIOS) + len(OPTION_SCENARIOS)) * 2
    options = matrix_json[: len(OPTION_NAMES) * 2]
    assert [(row["on_delete"], row["delete_via"]) for row in options] == [
        (name, via) for name in OPTION_NAMES for via in ("instance", "queryset")
    ]
    for row, (model, field) in zip(options, [s for s in SCENARIOS for _ in (1, 2)], strict=True):
        option = row["on_delete"]
        assert set(row) == {
            "on_delete",
            "delete_via",
            "outcome",
            "exception",
            "exception_message",
            "children_signals",
            "returned",
            "queries",
            "on_delete_sql",
            "child_model",
            "field",
        }
        assert (row["child_model"], row["field"]) == (model._meta.label, field)
        assert row["returned"] == RETURNED[option], row
        # The writes to the child's own table: exactly the one the option calls for, or none.
        child_table = f'"{model._meta.db_table}"'
        child_writes = [q for q in row["queries"] if child_table in q.split()[:3] and not q.startswith("SELECT")]
        if option in CHILD_WRITE:
            assert len(child_writes) == 1 and child_writes[0].startswith(CHILD_WRITE[option]), row["queries"]
        else:
            assert child_writes == [], row["queries"]
        if row["exception"] is None:
            assert row["exception_message"] is None
        else:
            assert row["exception_message"], row
        if option in MESSAGES:
            assert MESSAGES[option] in row["exception_message"], row["exception_message"]


@pytest.mark.parametrize("option", OPTION_NAMES)
def test_each_option_behaves_as_documented_for_both_kinds_of_delete(matrix_json, option):
    outcome, exception, signals = DOCUMENTED[option]
    for row in (r for r in matrix_json if r["on_delete"] == option and _option_row(r)):
        assert (row["outcome"], row["exception"], row["children_signals"]) == (outcome, exception, signals), row
        if exception is None:
            assert row["returned"] is not None
        else:
            assert row["returned"] is None


def _option_row(row) -> bool:
    """A row of the eleven options (not a key shape)."""
    return any(m._meta.label == row["child_model"] for m, _ in SCENARIOS)


@pytest.mark.parametrize(
    ("label", "parent_table"),
    [("relations.InvoiceLine", "relations_uuidkeyedinvoice"), ("relations.StockMovement", "relations_stocklevel")],
)
def test_key_shapes_cascade_like_any_foreign_key(matrix_json, label, parent_table):
    rows = [r for r in matrix_json if r["child_model"] == label]
    assert [r["delete_via"] for r in rows] == ["instance", "queryset"]
    for row in rows:
        assert (row["on_delete"], row["outcome"], row["exception"]) == ("CASCADE", "deleted", None)
        assert row["returned"][0] == 3 and row["returned"][1][label] == 2
        assert any(q.startswith(f'DELETE FROM "{parent_table}"') for q in row["queries"])


@pytest.mark.parametrize(("model", "field"), OPTION_SCENARIOS, ids=[f"{m.__name__}.{f}" for m, f in OPTION_SCENARIOS])
def test_the_newest_foreign_keys_cascade_their_two_children_with_the_parent(matrix_json, model, field):
    fk = model._meta.get_field(field)
    label, parent = model._meta.label, fk.remote_field.model
    rows = [r for r in matrix_json if (r["child_model"], r["field"]) == (label, field)]
    assert [r["delete_via"] for r in rows] == ["instance", "queryset"]
    for row in rows:
        assert (row["on_delete"], row["outcome"], row["exception"]) == ("CASCADE", "deleted", None), row
        # The parent and its two children, nothing else (the parent's other relations are empty).
        assert row["returned"] == [3, {label: 2, parent._meta.label: 1}], row["returned"]
        assert any(q.startswith(f'DELETE FROM "{model._meta.db_table}"') for q in row["queries"]), row["queries"]
        assert row["on_delete_sql"] == "NO ACTION"  # Python's CASCADE: the constraint keeps the default


def test_the_composite_key_relation_has_no_constraint_and_the_uuid_key_has_one(matrix_json):
    clauses = {r["child_model"]: r["on_delete_sql"] for r in matrix_json}
    assert clauses["relations.StockMovement"] is None  # ForeignObject: Django's CASCADE only
    assert clauses["relations.InvoiceLine"] == "NO ACTION"


def test_database_level_options_send_only_the_parents_delete(matrix_json):
    for row in (r for r in matrix_json if r["on_delete"].startswith("DB_")):
        writes = [q for q in row["queries"] if q.split()[0] in ("DELETE", "UPDATE", "INSERT")]
        assert len(writes) == 1 and writes[0].startswith('DELETE FROM "relations_dbparent"'), row["queries"]
        assert row["returned"] == [1, {"relations.DbParent": 1}]


def test_blocked_deletes_send_no_write(matrix_json):
    for row in (r for r in matrix_json if r["outcome"] == "blocked"):
        assert not [q for q in row["queries"] if q.split()[0] in ("DELETE", "UPDATE", "INSERT")]


def _schema_clause_independently(table, column):
    """Read the ON DELETE rule through a second route: information_schema (PostgreSQL) / PRAGMA (SQLite)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                """
                SELECT rc.delete_rule FROM information_schema.referential_constraints rc
                JOIN information_schema.key_column_usage kcu
                  ON kcu.constraint_name = rc.constraint_name AND kcu.constraint_schema = rc.constraint_schema
                WHERE kcu.table_name = %s AND kcu.column_name = %s
                """,
                [table, column],
            )
            row = cursor.fetchone()
            return row[0] if row else None
        cursor.execute(f"PRAGMA foreign_key_list({table})")
        return next((row[6] for row in cursor.fetchall() if row[3] == column), None)


def test_the_on_delete_clause_is_read_back_from_the_live_schema(matrix_json):
    for row in matrix_json:
        model = next(
            m for m, f in [*SCENARIOS, *KEY_SCENARIOS, *OPTION_SCENARIOS] if m._meta.label == row["child_model"]
        )
        fk = model._meta.get_field(row["field"])
        expected = _schema_clause_independently(model._meta.db_table, fk.column) if fk.column else None
        assert row["on_delete_sql"] == expected
    clauses = {row["on_delete"]: row["on_delete_sql"] for row in matrix_json if _option_row(row)}
    assert clauses["DB_CASCADE"] == "CASCADE"
    assert clauses["DB_SET_NULL"] == "SET NULL"
    assert clauses["DB_SET_DEFAULT"] == "SET DEFAULT"
    # Python-level options leave the database's default action.
    assert {clauses[name] for name in OPTION_NAMES if not name.startswith("DB_")} == {"NO ACTION"}


@requires_postgres
def test_the_matrix_follows_a_changed_schema(db):
    from relations.models import CascadeChild

    fk = CascadeChild._meta.get_field("cascade")
    assert on_delete_sql(fk) == "NO ACTION"
    # Rewrite the constraint by hand, as someone's RunSQL could; PostgreSQL's DDL is
    # transactional, so the test's rollback restores it.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'relations_cascadechild'::regclass AND contype = 'f'"
        )
        (name,) = cursor.fetchone()
        cursor.execute(f'ALTER TABLE relations_cascadechild DROP CONSTRAINT "{name}"')
        cursor.execute(
            "ALTER TABLE relations_cascadechild ADD CONSTRAINT cascade_by_hand FOREIGN KEY (cascade_id) "
            "REFERENCES relations_parent (id) ON DELETE CASCADE"
        )
    assert on_delete_sql(fk) == "CASCADE"
    assert next(r for r in compute_matrix() if r.on_delete == "CASCADE").on_delete_sql == "CASCADE"


def test_computing_the_matrix_changes_nothing(table_counts):
    before = table_counts()
    compute_matrix()
    assert table_counts() == before


def test_the_text_output_names_every_option_and_clause(db):
    out = StringIO()
    call_command("ondelete_matrix", stdout=out)
    text = out.getvalue()
    for name in OPTION_NAMES:
        assert f"\n{name} · instance.delete()" in text and f"\n{name} · QuerySet.delete()" in text
    assert "django.db.models.deletion.ProtectedError" in text
    assert "ON DELETE:        SET NULL" in text


def test_an_unknown_database_alias_is_a_clear_error(db):
    with pytest.raises(CommandError, match="Unknown database alias 'nope'"):
        call_command("ondelete_matrix", "--database", "nope", stdout=StringIO())


def test_the_matrix_lab_page_shows_the_same_rows(admin_user_client, matrix_json):
    html = admin_user_client.get(reverse("admin:lab-ondelete-matrix")).content.decode()
    for row in matrix_json:
        assert f'data-on-delete="{row["on_delete"]}" data-delete-via="{row["delete_via"]}"' in html
    assert html.count('class="outcome-blocked"') == 4
