import duckdb
import pytest

from aicourse_build.results.ingest.statements import canonical_sql
from aicourse_build.results.responses import canonical


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("single", "b", "b"),
        ("multiple", "d,a,b", "a,b,d"),
        ("multiple", "d[,]a[,]b", "a,b,d"),
        ("truefalse", "t", "true"),
        ("truefalse", "false", "false"),
        ("ordering", "collect[,]train[,]test", "collect,train,test"),
        ("matching", "data.c,bias.d", "bias.d,data.c"),
        ("matching", "data[.]c[,]bias[.]d", "bias.d,data.c"),
    ],
)
def test_every_source_writes_one_canonical_form(kind: str, raw: str, expected: str) -> None:
    assert canonical(kind, raw) == expected


@pytest.mark.parametrize("raw", ["d[,]a[,]b", "true", "x[.]y[,]a[.]b", "collect[,]train"])
def test_the_sql_of_the_statements_mapping_agrees(raw: str) -> None:
    """results/ingest/statements.py canonicalises xAPI responses in SQL the same way."""
    for kind in ("multiple", "matching", "truefalse", "ordering", "single"):
        [(in_sql,)] = duckdb.sql("SELECT " + canonical_sql(f"'{kind}'", f"'{raw}'")).fetchall()
        assert in_sql == canonical(kind, raw), (kind, raw)
