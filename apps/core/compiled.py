"""Querysets of a fixed shape, compiled to SQL once and run with new values.

Building a queryset with a few annotations and subqueries and compiling it to
SQL costs about a millisecond of Python on every request, many times what the
database then spends on it (a list page's rows: 0.1–0.3 ms of SQL). Where the
shape of a query is the same on every request and only some values change (the
keys of the shown page, a day), `CompiledQuery` builds and compiles it once per
process, finds where those values sit among the SQL's parameters, and on each
later call only fills in the new values, runs the SQL and turns the rows into
model instances the way Django's own `ModelIterable` does. The SQL is the ORM's
own, so it is the same on SQLite and PostgreSQL and never written by hand.

What a builder must respect (checked where it can be):

- It is a function of its keyword arguments alone: every value that changes
  between calls is an argument. The plan is kept per language, per day, per
  database connection and per *shape* of the values (their types, and the
  length of lists), so a builder may also read the language or today's date.
  Anything else it reads (settings, the database, the user) would be frozen
  into the SQL: such builders must not use this.
- Arguments are used as plain lookup values (`pk__in=keys`, `day__gte=day`),
  not computed with (`day + timedelta(1)`) or turned into SQL text. The plan is
  made twice with different stand-in values; when the SQL or the other
  parameters differ, or a stand-in cannot be found among the parameters, the
  builder is not compiled and every call runs the queryset as usual.
- Values are int, str, date or lists of ints; None runs the queryset as usual
  (it would change the SQL: `IS NULL`).
- The queryset yields model instances, or tuples from `values_list()` of
  plain fields (not `flat`, no annotations or `extra()`); no `values()` and
  no `prefetch_related()`.

tests/test_compiled.py compares the rows with the plain queryset's on both
databases.
"""

import datetime
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators
from django.utils import timezone
from django.utils.translation import get_language

MAX_PLANS = 256
_UNCOMPILABLE = object()


@dataclass(frozen=True)
class _Slot:
    """Where one argument (or one item of a list argument) sits among the SQL's parameters."""

    position: int
    name: str
    index: int | None  # the item of a list argument, or None for a scalar
    adapt: Callable[[Any], Any] | None  # the adaptation the ORM applied (dates as text on SQLite)


@dataclass
class _Plan:
    sql: str
    params: list[Any]
    slots: list[_Slot]
    compiler: Any
    model: type[Model]
    init_list: list[str]
    fields_start: int
    fields_end: int
    related_populators: list[Any]
    annotation_col_map: dict[str, int]
    converters: dict[int, Any]
    db: str
    tuples: bool = False  # a values_list() query: the rows as tuples, no model instances


def _shape(value: Any) -> Hashable:
    if isinstance(value, list | tuple):
        if not all(type(item) is int for item in value):
            raise TypeError("only lists of ints")
        return ("list", len(value))
    if type(value) in (int, str, datetime.date):
        return type(value).__name__
    raise TypeError(f"unsupported value {type(value).__name__}")


def _stand_in(value: Any, seed: int) -> Any:
    """A value of the same shape that cannot be mistaken for another parameter of the query."""
    if isinstance(value, list | tuple):
        return [_stand_in(0, seed * 1000 + i) for i in range(len(value))]
    if type(value) is int:
        return 9_137_000_000_000 + seed
    if type(value) is str:
        return f"\ue000stand-in-{seed}\ue000"
    return datetime.date(1000 + seed % 900, 1 + seed % 12, 1 + seed % 28)


class CompiledQuery:
    """A queryset builder compiled once per value shape; calling it returns the rows as model instances.

    ::

        page_of_libraries = CompiledQuery(lambda keys: library_list_rows(Library.objects.filter(pk__in=keys)))
        rows = page_of_libraries(keys=[3, 9, 12])
    """

    def __init__(self, build: Callable[..., QuerySet], *, using: str = "default") -> None:
        self.build = build
        self.using = using
        self._plans: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, **values: Any) -> list[Any]:
        try:
            shape = tuple(sorted((name, _shape(value)) for name, value in values.items()))
        except TypeError:
            return list(self.build(**values))
        connection = connections[self.using]
        key = (id(connection), get_language(), timezone.localdate(), shape)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._compile(values)
            with self._lock:
                self._plans[key] = plan
                while len(self._plans) > MAX_PLANS:
                    self._plans.popitem(last=False)
        if plan is _UNCOMPILABLE:
            return list(self.build(**values))
        return self._run(plan, values)

    # --- making a plan ------------------------------------------------------------------

    def _compile(self, values: dict[str, Any]) -> _Plan | object:
        first = self._attempt(values, seed=1)
        second = self._attempt(values, seed=2)
        if first is None or second is None:
            return _UNCOMPILABLE
        if first.sql != second.sql or [slot.position for slot in first.slots] != [
            slot.position for slot in second.slots
        ]:
            return _UNCOMPILABLE
        filled = {slot.position for slot in first.slots}
        for position, (one, two) in enumerate(zip(first.params, second.params, strict=True)):
            if position not in filled and one != two:
                return _UNCOMPILABLE  # a parameter computed from an argument
        return first

    def _attempt(self, values: dict[str, Any], *, seed: int) -> _Plan | None:
        stand_ins = {name: _stand_in(value, seed * 100 + i) for i, (name, value) in enumerate(sorted(values.items()))}
        queryset = self.build(**stand_ins)
        tuples = queryset._iterable_class is ValuesListIterable
        if tuples and (queryset.query.annotation_select or queryset.query.extra_select):
            return None  # ValuesListIterable would reorder the columns
        if not (tuples or queryset._iterable_class is ModelIterable) or queryset._prefetch_related_lookups:
            return None
        db = queryset.db
        if db != self.using:
            return None
        compiler = queryset.query.get_compiler(using=db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return None  # e.g. `pk__in=[]`: the queryset answers without the database
        params = list(params)
        ops = compiler.connection.ops
        slots: list[_Slot] = []
        for name, stand_in in stand_ins.items():
            items = stand_in if isinstance(stand_in, list) else [stand_in]
            for index, item in enumerate(items):
                if str(item) in sql:
                    return None  # written into the SQL text instead of passed as a parameter
                adapt = ops.adapt_datefield_value if type(item) is datetime.date else None
                adapted = adapt(item) if adapt else item
                found = [p for p, param in enumerate(params) if type(param) is type(adapted) and param == adapted]
                if not found:
                    return None
                list_index = index if isinstance(stand_in, list) else None
                slots.extend(_Slot(position, name, list_index, adapt) for position in found)
        slots.sort(key=lambda slot: slot.position)
        select, klass_info = compiler.select, compiler.klass_info
        if tuples:
            return _Plan(
                sql=sql,
                params=params,
                slots=slots,
                compiler=compiler,
                model=queryset.model,
                init_list=[],
                fields_start=0,
                fields_end=0,
                related_populators=[],
                annotation_col_map={},
                converters=compiler.get_converters([column[0] for column in select[0 : compiler.col_count]]),
                db=db,
                tuples=True,
            )
        if not klass_info:
            return None
        select_fields = klass_info["select_fields"]
        start, end = select_fields[0], select_fields[-1] + 1
        return _Plan(
            sql=sql,
            params=params,
            slots=slots,
            compiler=compiler,
            model=klass_info["model"],
            init_list=[column[0].target.attname for column in select[start:end]],
            fields_start=start,
            fields_end=end,
            related_populators=get_related_populators(klass_info, select, db),
            annotation_col_map=dict(compiler.annotation_col_map),
            converters=compiler.get_converters([column[0] for column in select[0 : compiler.col_count]]),
            db=db,
        )

    # --- running a plan -----------------------------------------------------------------

    def _run(self, plan: _Plan, values: dict[str, Any]) -> list[Any]:
        params = list(plan.params)
        for slot in plan.slots:
            value = values[slot.name]
            if slot.index is not None:
                value = value[slot.index]
            params[slot.position] = slot.adapt(value) if slot.adapt else value
        connection = connections[plan.db]
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, params)
            rows = cursor.fetchall()
        if plan.converters:
            rows = plan.compiler.apply_converters(rows, plan.converters)
        if plan.tuples:
            return [tuple(row) for row in rows]
        model, init_list, db = plan.model, plan.init_list, plan.db
        start, end = plan.fields_start, plan.fields_end
        annotations = plan.annotation_col_map.items()
        objects = []
        for row in rows:
            obj = model.from_db(db, init_list, row[start:end])
            for populator in plan.related_populators:
                populator.populate(row, obj)
            for name, position in annotations:
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects
