"""`reverse()` for the links of list pages, worked out once per route.

A list page links every row to its record: 25–50 calls to `reverse()` per
page, each of which walks the URL resolver. `cached_reverse` reverses a route
once with stand-in values, keeps the resulting path as a template, and then
only puts each row's values in (quoted as `reverse()` quotes them).

It is meant for keyword arguments that are valid for their converter: slugs,
NIS codes and UUIDs of saved records. tests/test_urls_cache.py compares it with
`reverse()` for every record of the demo data.
"""

import uuid
from urllib.parse import quote

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

_SAFE = "!$&'()*+,;=/~:@"  # what reverse() leaves unquoted (RFC 3986 sub-delims and "/~:@")
_STAND_INS = (
    lambda index: f"kptstandin{index}x",  # matches str, slug and path converters
    lambda index: str(uuid.UUID(int=0xC0FFEE0000 + index)),  # matches the uuid converter
)

_templates: dict[tuple, tuple[str, tuple[tuple[str, str], ...]] | None] = {}


def _template(viewname: str, names: tuple[str, ...]) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    for stand_in in _STAND_INS:
        stand_ins = {name: stand_in(index) for index, name in enumerate(names)}
        try:
            path = reverse(viewname, kwargs=stand_ins)
        except NoReverseMatch:
            continue
        if all(path.count(value) == 1 for value in stand_ins.values()):
            return path, tuple(stand_ins.items())
    return None  # e.g. an int converter: no stand-in fits, reverse() every time


def cached_reverse(viewname: str, **kwargs) -> str:
    """`reverse(viewname, kwargs=kwargs)`, from a template of the route after the first call."""
    names = tuple(sorted(kwargs))
    key = (viewname, names, get_script_prefix(), get_urlconf())
    if key not in _templates:
        _templates[key] = _template(viewname, names)
    template = _templates[key]
    if template is None:
        return reverse(viewname, kwargs=kwargs)
    path, stand_ins = template
    for name, stand_in in stand_ins:
        path = path.replace(stand_in, quote(str(kwargs[name]), safe=_SAFE))
    return path
