"""Formulas of derived indicators: + − × ÷, parentheses, numbers and indicator codes.

Parsed with Python's `ast` and walked by hand, so nothing but arithmetic can run.
"""

import ast
from collections.abc import Callable
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

POPULATION = "population"
_OPERATORS: dict[type, Callable[[float, float], float]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}


@lru_cache(maxsize=256)
def parse(formula: str) -> ast.Expression:
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError:
        raise ValidationError({"formula": _("De formule is geen geldige berekening.")})
    for node in ast.walk(tree):
        allowed = isinstance(node, ast.Expression | ast.BinOp | ast.UnaryOp | ast.Name | ast.Load | ast.USub)
        allowed = allowed or type(node) in _OPERATORS
        allowed = allowed or (isinstance(node, ast.Constant) and isinstance(node.value, int | float))
        if not allowed:
            raise ValidationError(
                {"formula": _("Alleen + − * /, haakjes, getallen en indicatorcodes zijn toegelaten.")}
            )
    return tree


@lru_cache(maxsize=256)
def _names(formula: str) -> frozenset[str]:
    return frozenset(node.id for node in ast.walk(parse(formula)) if isinstance(node, ast.Name))


def names_in(formula: str) -> set[str]:
    return set(_names(formula))


Lookup = Callable[[str], float | None]


def _build(node: ast.AST) -> Callable[[Lookup], float | None]:
    """A parsed formula turned, once, into nested functions (no tree walk per evaluation)."""
    if isinstance(node, ast.Expression):
        return _build(node.body)
    if isinstance(node, ast.Constant):
        constant = float(node.value)
        return lambda lookup: constant
    if isinstance(node, ast.Name):
        name = node.id
        return lambda lookup: lookup(name)
    if isinstance(node, ast.UnaryOp):
        operand = _build(node.operand)

        def negate(lookup: Lookup) -> float | None:
            value = operand(lookup)
            return None if value is None else -value

        return negate
    if isinstance(node, ast.BinOp):
        left, right = _build(node.left), _build(node.right)
        operator = _OPERATORS[type(node.op)]
        divides = isinstance(node.op, ast.Div)

        def binary(lookup: Lookup) -> float | None:
            a = left(lookup)
            if a is None:
                return None
            b = right(lookup)
            if b is None or (divides and b == 0):
                return None
            return operator(a, b)

        return binary
    return lambda lookup: None


@lru_cache(maxsize=256)
def compiled(formula: str) -> Callable[[Lookup], float | None]:
    return _build(parse(formula))


def evaluate(formula: str, lookup: Lookup) -> float | None:
    """The formula's value, or None when a name has no value or a division by zero occurs."""
    return compiled(formula)(lookup)
