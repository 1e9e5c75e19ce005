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


def names_in(formula: str) -> set[str]:
    return {node.id for node in ast.walk(parse(formula)) if isinstance(node, ast.Name)}


def evaluate(formula: str, lookup: Callable[[str], float | None]) -> float | None:
    """The formula's value, or None when a name has no value or a division by zero occurs."""

    def walk(node: ast.AST) -> float | None:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant):
            return float(node.value)
        if isinstance(node, ast.Name):
            return lookup(node.id)
        if isinstance(node, ast.UnaryOp):
            operand = walk(node.operand)
            return None if operand is None else -operand
        if isinstance(node, ast.BinOp):
            left, right = walk(node.left), walk(node.right)
            if left is None or right is None:
                return None
            if isinstance(node.op, ast.Div) and right == 0:
                return None
            return _OPERATORS[type(node.op)](left, right)
        return None

    return walk(parse(formula))
