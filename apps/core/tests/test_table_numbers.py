"""Numbers in table cells read as localize() writes them, in Dutch and in English."""

from decimal import Decimal

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import translation
from django.utils.formats import localize

from apps.core.tables import _cell_html
from apps.registry.tables import NumberColumn

VALUES = [0, 7, -12, 24724, 1234567, Decimal("12.50"), Decimal("-0.5"), Decimal("3"), 0.25, -1234.5, 1e-07, 2.5e20]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("flag", [None, True, False])
def test_cells_match_localize(language, flag):
    with translation.override(language):
        for value in VALUES:
            assert _cell_html(value, flag) == str(localize(value, use_l10n=flag)), value


@pytest.mark.parametrize("language", ["nl", "en"])
def test_counts_match_intcomma(language):
    column = NumberColumn()
    with translation.override(language):
        for value in (0, 999, 1000, -24724, 1234567, Decimal("1234.5")):
            assert column.render(value) == intcomma(value), value
