"""The PostgreSQL parts of the schema: SQLite's JSON and date functions as SQL functions, the money
type, and the action-logging triggers of migration 0006 in PL/pgSQL.

Used only by migrations on PostgreSQL (``tracker.store.migrations``, ``tracker.store.actions``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import BigInteger, Integer, Numeric, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

# The functions of SQLite the store's SQL calls, with SQLite's answers (NULL in, NULL out; a bad
# document is not valid, never an error). ``tracker_json_each`` is ``json_each`` over a list of ids;
# ``date(t, modifier)`` is only ever called with '+0 days' (NULL for a date that does not exist).
FUNCTIONS_SQL = (
    """CREATE OR REPLACE FUNCTION json_valid(t text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
    BEGIN
      IF t IS NULL THEN RETURN NULL; END IF;
      PERFORM t::jsonb;
      RETURN true;
    EXCEPTION WHEN others THEN RETURN false;
    END $$""",
    """CREATE OR REPLACE FUNCTION tracker_json_path(p text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN p = '$' THEN ARRAY[]::text[] ELSE string_to_array(substr(p, 3), '.') END $$""",
    """CREATE OR REPLACE FUNCTION json_extract(t text, p text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT t::jsonb #>> tracker_json_path(p) $$""",
    """CREATE OR REPLACE FUNCTION json_type(t text, p text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE jsonb_typeof(v) WHEN 'string' THEN 'text' WHEN 'boolean' THEN v::text
             WHEN 'number' THEN CASE WHEN v::text ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END
             ELSE jsonb_typeof(v) END
      FROM (SELECT t::jsonb #> tracker_json_path(p) AS v) s $$""",
    """CREATE OR REPLACE FUNCTION julianday(t text) RETURNS double precision LANGUAGE plpgsql IMMUTABLE AS $$
    BEGIN
      RETURN extract(epoch FROM t::timestamp) / 86400.0 + 2440587.5;
    EXCEPTION WHEN others THEN RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION date(t text, modifier text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
    BEGIN
      RETURN to_char(t::date, 'YYYY-MM-DD');
    EXCEPTION WHEN others THEN RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION instr(t text, part text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
      SELECT strpos(t, part) $$""",
    # SQLite's booleans are the integers 0 and 1: `passed = 0` reads the same on a BOOLEAN column
    """CREATE OR REPLACE FUNCTION tracker_bool_eq_int(a boolean, b integer) RETURNS boolean
      LANGUAGE sql IMMUTABLE AS $$ SELECT a = (b <> 0) $$""",
    "CREATE OPERATOR = (LEFTARG = boolean, RIGHTARG = integer, FUNCTION = tracker_bool_eq_int)",
    """CREATE OR REPLACE FUNCTION tracker_json_each(t text) RETURNS TABLE(value bigint) LANGUAGE sql IMMUTABLE AS $$
      SELECT jsonb_array_elements_text(t::jsonb)::bigint $$""",
)


class Money(TypeDecorator[str]):
    """Decimal text with two places on SQLite (VARCHAR, as ever); NUMERIC(18,2) on PostgreSQL.
    Python sees the same string on both."""

    impl = String
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric(18, 2, asdecimal=False))
        return dialect.type_descriptor(String())

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if value is None or isinstance(value, str):
            return value
        from decimal import Decimal

        return f"{Decimal(str(value)):.2f}"


class BigId(TypeDecorator[int]):
    """INTEGER on SQLite (64-bit already, and the schema as it was); BIGINT on PostgreSQL, whose
    INTEGER is 32-bit (a digest's outbox key is a negative 33-bit number)."""

    impl = Integer
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Integer())


def _json(prefix: str, cols: Iterable[tuple[str, str]]) -> str:
    pairs = ", ".join(f"'{c}', {prefix}.\"{c}\"" + ("::text" if typ == "numeric" else "") for c, typ in cols)
    return f"json_build_object({pairs})::text"


def install_triggers(conn: Any, tracked: Iterable[str]) -> None:
    """Migration 0006 on PostgreSQL: each tracked table's changes logged into ``action_changes`` while
    ``action_cursor`` names an action; history rows stamped with it. ``conn`` is a ``PgConn``."""
    cursor = "(SELECT action_id FROM action_cursor WHERE id = 1)"
    for t in tracked:
        cols = [(r[1], r[2]) for r in conn.execute(f"PRAGMA table_info({t})").fetchall()]
        old, new = _json("OLD", cols), _json("NEW", cols)
        ins = f"INSERT INTO action_changes (action_id, tbl, row_id, op, old, new) VALUES (aid, '{t}', "
        conn.execute(
            f"CREATE OR REPLACE FUNCTION log_{t}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"DECLARE aid integer := {cursor};\n"
            "BEGIN\n"
            "  IF aid IS NULL THEN RETURN NULL; END IF;\n"
            f"  IF TG_OP = 'INSERT' THEN {ins}NEW.id, 'insert', NULL, NULL);\n"
            f"  ELSIF TG_OP = 'UPDATE' THEN {ins}NEW.id, 'update', {old}, {new});\n"
            f"  ELSE {ins}OLD.id, 'delete', {old}, NULL);\n"
            "  END IF;\n"
            "  RETURN NULL;\n"
            "END $$")
        conn.execute(f"DROP TRIGGER IF EXISTS log_{t} ON {t}")
        conn.execute(f"CREATE TRIGGER log_{t} AFTER INSERT OR UPDATE OR DELETE ON {t}"
                     f" FOR EACH ROW EXECUTE FUNCTION log_{t}()")
    conn.execute("CREATE OR REPLACE FUNCTION stamp_history() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                 f"BEGIN NEW.action_id := coalesce({cursor}, NEW.action_id); RETURN NEW; END $$")
    conn.execute("DROP TRIGGER IF EXISTS stamp_history ON history")
    conn.execute("CREATE TRIGGER stamp_history BEFORE INSERT ON history FOR EACH ROW EXECUTE FUNCTION stamp_history()")


def create_functions(conn: Any) -> None:
    for stmt in FUNCTIONS_SQL:
        conn.execute(stmt)
