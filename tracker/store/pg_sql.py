"""The store's SQLite SQL as PostgreSQL text: one cached rewrite per statement (``translate``).

Placeholders ``?`` become ``%s``; ``INSERT OR IGNORE``, ``IS ?``, ``json_each``, ``rowid``,
``group_concat``, two-argument ``min``/``max``, ``LIKE``, an empty ``IN ()``, ``INDEXED BY`` and
``PRAGMA table_info`` get their PostgreSQL forms; every ORDER BY item sorts NULL first (ascending)
or last (descending), as SQLite does. Used by ``tracker.store.pg.PgConn``.
"""

from __future__ import annotations

import functools
import re

_PRAGMA_TABLE_INFO = re.compile(r"^\s*PRAGMA\s+table_info\((\w+)\)\s*$", re.I)
_PRAGMA = re.compile(r"^\s*PRAGMA\b", re.I)
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bINDEXED BY \w+\s*", re.I), ""),
    (re.compile(r"^\s*BEGIN IMMEDIATE\b", re.I), "BEGIN"),
    (re.compile(r"\bgroup_concat\(([^(),]+),\s*('[^']*')\)", re.I), r"string_agg((\1)::text, \2)"),
    (re.compile(r"\bjson_each\(", re.I), "tracker_json_each("),
    (re.compile(r"\browid\b", re.I), "id"),
    (re.compile(r"\bLIKE\b"), "ILIKE"),
    (re.compile(r"\bIN \(\)"), "IN (SELECT NULL WHERE false)"),  # SQLite's empty list
    (re.compile(r"\bIS NOT (?!NULL\b|DISTINCT\b)(\?|\w+)"), r"IS DISTINCT FROM \1"),
    (re.compile(r"\bIS (?!NOT\b|NULL\b|DISTINCT\b)(\?|\w+)"), r"IS NOT DISTINCT FROM \1"),
    (re.compile(r"\bmin\(([^(),]+),\s*([^(),]+)\)", re.I), r"least(\1, \2)"),
    (re.compile(r"\bmax\(([^(),]+),\s*([^(),]+)\)", re.I), r"greatest(\1, \2)"),
    (re.compile(r"\bINTEGER NOT NULL PRIMARY KEY( AUTOINCREMENT)?", re.I), "SERIAL PRIMARY KEY"),
    # SQLite's "+column" (a unary plus that keeps its planner off an index) means nothing to PostgreSQL
    (re.compile(r"(?<![\w)\]'\"])\+(?=[A-Za-z_])"), ""),
)
_INSERT_OR_IGNORE = re.compile(r"^\s*INSERT OR IGNORE INTO\b", re.I)
_INSERT_TABLE = re.compile(r"^\s*INSERT INTO (\w+)", re.I)
# tables whose primary key is not ``id`` (an INSERT into any other gets ``RETURNING id`` for lastrowid)
NO_ID = frozenset({"reminder_days", "reminder_state", "schema_migrations_pg", "remind_rows", "remind_snaps",
                   "remind_items", "remind_people", "remind_covered", "reminder_plans"})


@functools.lru_cache(maxsize=512)
def translate(sql: str, params: bool = True) -> str:
    """The PostgreSQL text of one SQLite statement of the store (placeholders become ``%s``; a
    statement run without parameters keeps its ``%`` as it is)."""
    m = _PRAGMA_TABLE_INFO.match(sql)
    if m:
        return ("SELECT ordinal_position - 1, column_name, data_type, is_nullable = 'NO', column_default, 0"
                f" FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{m[1]}'"
                " ORDER BY ordinal_position")
    out = sql
    for pat, rep in _RULES:
        out = pat.sub(rep, out)
    if _ORDER_BY.search(out):
        out = _nulls_as_sqlite(out)
    if _INSERT_OR_IGNORE.match(out):
        out = _INSERT_OR_IGNORE.sub("INSERT INTO", out) + " ON CONFLICT DO NOTHING"
    if not params:
        return out
    parts = out.replace("%", "%%").split("'")  # even parts are outside string literals
    for i in range(0, len(parts), 2):
        parts[i] = parts[i].replace("?", "%s")
    return "'".join(parts)


_ORDER_BY = re.compile(r"\bORDER BY\b", re.I)
_ORDER_END = re.compile(r"\s*\b(LIMIT|OFFSET|FOR|UNION|RETURNING)\b", re.I)


def _nulls_as_sqlite(sql: str) -> str:
    """Each ORDER BY item sorted with NULL smallest, as SQLite does (PostgreSQL puts NULL largest)."""
    out, pos = [], 0
    for m in _ORDER_BY.finditer(sql):
        if m.start() < pos:
            continue
        out.append(sql[pos:m.end()])
        i, depth, quote, start, items = m.end(), 0, False, m.end(), []
        while i < len(sql):
            ch = sql[i]
            if ch == "'":
                quote = not quote
            elif not quote:
                if ch == "(":
                    depth += 1
                elif ch == ")":
                    if depth == 0:
                        break
                    depth -= 1
                elif depth == 0 and ch == ",":
                    items.append(sql[start:i])
                    start = i + 1
                elif depth == 0 and _ORDER_END.match(sql, i) and sql[i - 1].isspace():
                    break
            i += 1
        end = i
        while end > start and sql[end - 1].isspace():
            end -= 1
        items.append(sql[start:end])
        fixed = []
        for item in items:
            if re.search(r"\bNULLS\b", item, re.I):
                fixed.append(item)
            elif re.search(r"\bDESC\s*$", item, re.I):
                fixed.append(item + " NULLS LAST")
            else:
                fixed.append(item + " NULLS FIRST")
        out.append(",".join(fixed))
        pos = end
    out.append(sql[pos:])
    return "".join(out)


def _wants_id(sql: str) -> bool:
    m = _INSERT_TABLE.match(sql)
    return m is not None and m[1] not in NO_ID and "RETURNING" not in sql.upper()
