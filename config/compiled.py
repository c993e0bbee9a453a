"""Queries whose SQL is made once per process and run again with other values: a read
(`CompiledQuery`), an update of one row (`update_row`) and an insert of rows (`insert_rows`),
sent at once or together with others as one statement (`Batch`).

Building and compiling an ORM query with a rich condition (scoring.selectors.in_effect: the
assignment in effect, with its conflicts, agency links and advancement gating) costs milliseconds
of Python on every request, far more than running it. The autosave asks the same few queries
thousands of times with different ids: `CompiledQuery` builds the query once with stand-in
values, keeps its SQL, parameters and converters, and later runs the same SQL with the real values
put in the stand-ins' places. Rows come back through the compiler's own converters, exactly as
the queryset would give them (`values_list` rows as tuples).

The values must be integers (ids) that the SQL takes as parameters; the stand-ins are large
numbers no real query parameter equals, and compiling checks that each one appears. The
query must not depend on anything else that changes (the time, settings): it is compiled once.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import QuerySet
from django.db.models.base import ModelState

# Stand-ins: within every integer column's range (Django folds a lookup whose value is out of
# the column's range, and then the SQL would not take it), and far from any real id or constant.
_STAND_IN = 2_147_000_000


@dataclass(frozen=True)
class _Compiled:
    db: str
    width: int  # the asked columns (a compiler may select more, e.g. for ordering)
    sql: str
    params: tuple
    slots: tuple  # for each parameter: the name of the value it takes, or None (kept)
    converters: tuple  # (position, converters, expression): what results_iter would apply


class CompiledQuery:
    """`build(**ids)` returns a `values_list` QuerySet; calling this with the same names of ids
    runs its SQL, compiled at the first call for those names."""

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self._compiled: dict[tuple[str, ...], _Compiled] = {}

    def _compile(self, names: tuple[str, ...]) -> _Compiled:
        stand_ins = {name: _STAND_IN - n for n, name in enumerate(names)}
        by_value = {value: name for name, value in stand_ins.items()}
        queryset = self.build(**stand_ins)
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        slots = tuple(
            by_value.get(p) if isinstance(p, int) and not isinstance(p, bool) else None
            for p in params
        )
        missing = set(names) - set(slots)
        if missing:  # a value inlined or unused: the SQL could not take it
            raise ValueError(f"the compiled query does not take {sorted(missing)} as parameters")
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        if compiler.has_composite_fields(fields):
            raise ValueError("the compiled query must not select composite fields")
        converters = tuple(
            (position, tuple(convs), expression)
            for position, (convs, expression) in compiler.get_converters(fields).items()
        )
        return _Compiled(queryset.db, compiler.col_count, sql, tuple(params), slots, converters)

    def rows(self, **ids: int) -> list[tuple]:
        return self.send(**ids)()

    def send(self, **ids: int) -> Callable[[], list[tuple]]:
        """Send the query now and return what reads its rows. Inside `pipelined()` on
        PostgreSQL, queries sent one after the other go out together and are answered in one
        round trip when the first one's rows are read (the server still runs them in order, each
        with its own snapshot)."""
        names = tuple(sorted(ids))
        compiled = self._compiled.get(names)
        if compiled is None:
            compiled = self._compiled[names] = self._compile(names)
        params = [
            p if slot is None else ids[slot]
            for p, slot in zip(compiled.params, compiled.slots, strict=True)
        ]
        connection = connections[compiled.db]
        cursor = connection.cursor()
        try:
            cursor.execute(compiled.sql, params)
        except BaseException:
            cursor.close()
            raise

        def fetch() -> list[tuple]:
            with cursor:
                return _converted(compiled, cursor.fetchall(), connection)

        return fetch


def _converted(compiled: _Compiled, fetched: list, connection) -> list[tuple]:
    width = compiled.width
    if not compiled.converters:
        return [tuple(row[:width]) for row in fetched]
    rows = []
    for fetched_row in fetched:  # as results_iter: the converters found once, at compiling
        row = list(fetched_row[:width])
        for position, convs, expression in compiled.converters:
            value = row[position]
            for converter in convs:
                value = converter(value, expression, connection)
            row[position] = value
        rows.append(tuple(row))
    return rows


def loaded(model, db: str, names: list[str], values) -> object:
    """What `model.from_db(db, names, values)` makes when `names` are all its concrete fields'
    attnames, in order, without `__init__`: its per-field attribute setting was the largest
    Python cost left in the autosave's reads (the card, its round, contest and judge, and ten
    scores per save). No pre_init/post_init signal is sent: the callers' models have none."""
    obj = model.__new__(model)
    state = ModelState()
    state.adding, state.db = False, db
    obj._state = state
    obj.__dict__.update(zip(names, values, strict=True))
    return obj


# --- writes: the SQL Model.save(update_fields=…) and bulk_create would send, made once ----------

_WRITES: dict[tuple, tuple[str, list]] = {}  # key → (SQL, the fields it sets)


def _connection(model, obj=None):
    return connections[(obj._state.db if obj is not None else None) or router.db_for_write(model)]


def update_row(obj, names: list[str], batch: "Batch | None" = None) -> None:
    """UPDATE the row of `obj` with its fields `names`, as `obj.save(update_fields=names)` would
    (auto_now fields are set; no signal is sent: the callers' models have none). With `batch`,
    the statement is added to it instead of sent now."""
    model, connection = type(obj), _connection(type(obj), obj)
    key = ("update", model, tuple(names), connection.alias)
    made = _WRITES.get(key)
    if made is None:
        quote = connection.ops.quote_name
        fields = [model._meta.get_field(name) for name in names]
        columns = ", ".join(f"{quote(field.column)} = %s" for field in fields)
        made = _WRITES[key] = (  # names from the model's own metadata, quoted
            f"UPDATE {quote(model._meta.db_table)} SET {columns} "  # noqa: S608
            f"WHERE {quote(model._meta.pk.column)} = %s",
            fields,
        )
    sql, fields = made
    params = [field.get_db_prep_save(field.pre_save(obj, False), connection) for field in fields]
    _send(connection, batch, sql, [*params, obj.pk])


def insert_rows(objs: list, names: list[str], batch: "Batch | None" = None) -> None:
    """INSERT `objs` (one model) with their fields `names`, in one statement, as bulk_create
    would (auto_now_add fields are set); their primary keys are not read back. With `batch`,
    the statement is added to it instead of sent now."""
    if not objs:
        return
    model = type(objs[0])
    connection = _connection(model)
    key = ("insert", model, tuple(names), len(objs), connection.alias)
    made = _WRITES.get(key)
    if made is None:
        quote = connection.ops.quote_name
        fields = [model._meta.get_field(name) for name in names]
        row = "(" + ", ".join(["%s"] * len(fields)) + ")"
        made = _WRITES[key] = (  # names from the model's own metadata, quoted
            f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608
            f"({', '.join(quote(field.column) for field in fields)}) "
            f"VALUES {', '.join([row] * len(objs))}",
            fields,
        )
    sql, fields = made
    for obj in objs:  # a relation to an object saved since (e.g. a card created meanwhile)
        obj._prepare_related_fields_for_save(operation_name="insert_rows")
    params = [
        field.get_db_prep_save(field.pre_save(obj, True), connection)
        for obj in objs
        for field in fields
    ]
    _send(connection, batch, sql, params)


def _send(connection, batch: "Batch | None", sql: str, params: list) -> None:
    if batch is not None:
        batch.add(connection, sql, params)
        return
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


class Batch:
    """Writes sent as one statement: on PostgreSQL a WITH of data-modifying statements
    (`WITH w0 AS (UPDATE …), w1 AS (UPDATE …) INSERT …`), elsewhere one after another. Each
    statement is a separate round of parsing, binding and answering on both sides; three writes
    of an autosave cost less as one. All parts see the same snapshot, so no two parts may write
    the same row (the callers write one card, its distinct scores and new events)."""

    def __init__(self):
        self.connection = None
        self.statements: list[tuple[str, list]] = []

    def add(self, connection, sql: str, params: list) -> None:
        if self.connection is not None and connection is not self.connection:
            raise ValueError("a batch writes through one database connection")
        self.connection = connection
        self.statements.append((sql, params))

    def send(self) -> None:
        statements, self.statements = self.statements, []
        if not statements:
            return
        with self.connection.cursor() as cursor:
            if self.connection.vendor != "postgresql":
                for sql, params in statements:
                    cursor.execute(sql, params)
                return
            *first, (last, _params) = statements
            parts = ", ".join(f"w{n} AS ({sql})" for n, (sql, _params) in enumerate(first))
            together = f"WITH {parts} {last}" if first else last
            cursor.execute(together, [p for _sql, params in statements for p in params])


@contextmanager
def pipelined(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """On PostgreSQL, the statements sent inside go out without waiting for each one's answer
    (psycopg's pipeline mode; a statement whose rows are read waits for the answers before it):
    a few writes cost one round trip instead of one each. An error still raises, at the latest
    when the block ends. Elsewhere nothing changes."""
    connection = connections[using]
    if (
        connection.vendor != "postgresql"
        or connection.connection is None
        or _in_pipeline(connection)
    ):
        yield  # within a pipeline already: its end (or the commit) sends what is queued
        return
    with connection.connection.pipeline():
        yield


def _in_pipeline(connection) -> bool:
    from psycopg import pq

    return connection.connection.pgconn.pipeline_status != pq.PipelineStatus.OFF
