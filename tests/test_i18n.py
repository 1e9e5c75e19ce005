"""Every Dutch UI string has an English translation.

Dutch is the source language (the msgids); English is kept in
locale/en/LC_MESSAGES/django.po. The catalogue is regenerated from the current
source in a scratch copy of the project, so a string added to the code but not
to the catalogue fails as well as one left untranslated or fuzzy. The check is
enforced from the moment the English catalogue exists.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = Path("locale") / "en" / "LC_MESSAGES" / "django.po"
SOURCES = ["apps", "knooppunt", "templates", "locale", "manage.py"]


def po_entries(text: str) -> list[dict]:
    """Parse a .po file into entries: {"msgid", "msgstrs", "fuzzy", "line"} (obsolete ones skipped)."""
    entries: list[dict] = []
    current: dict | None = None
    field = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            current, field = None, None
            continue
        if current is None:
            current = {"msgid": "", "msgstrs": {}, "fuzzy": False, "line": number}
            entries.append(current)
        if line.startswith("#,"):
            current["fuzzy"] = current["fuzzy"] or "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith(("msgctxt", "msgid_plural")):
            field = None
        elif line.startswith("msgid "):
            field = "msgid"
            current["msgid"] = _unquote(line[len("msgid ") :])
        elif line.startswith("msgstr"):
            key, _space, value = line.partition(" ")
            field = key
            current["msgstrs"][key] = _unquote(value)
        elif line.startswith('"') and field is not None:
            if field == "msgid":
                current["msgid"] += _unquote(line)
            else:
                current["msgstrs"][field] += _unquote(line)
    return [entry for entry in entries if entry["msgstrs"]]


def _unquote(value: str) -> str:
    return value.strip()[1:-1]


def untranslated(text: str) -> list[str]:
    problems = []
    for entry in po_entries(text):
        if entry["msgid"] == "":  # the header
            continue
        if entry["fuzzy"]:
            problems.append(f"line {entry['line']}: fuzzy: {entry['msgid']!r}")
        elif not all(entry["msgstrs"].values()):
            problems.append(f"line {entry['line']}: untranslated: {entry['msgid']!r}")
    return problems


def test_po_parser_finds_empty_and_fuzzy_entries():
    text = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        'msgid "Bewaren"\nmsgstr "Save"\n\n'
        'msgid "Verwijderen"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Bibliotheek"\nmsgstr "Libraries"\n\n'
        'msgid "één vraag"\nmsgid_plural "%(n)s vragen"\nmsgstr[0] "one question"\nmsgstr[1] ""\n\n'
        '#~ msgid "Oud"\n#~ msgstr ""\n'
    )

    problems = untranslated(text)

    assert len(problems) == 3
    assert "Verwijderen" in problems[0] and "untranslated" in problems[0]
    assert "Bibliotheek" in problems[1] and "fuzzy" in problems[1]
    assert "één vraag" in problems[2]


@pytest.mark.skipif(not (ROOT / CATALOGUE).exists(), reason="the English catalogue does not exist yet")
def test_english_catalogue_translates_every_dutch_string(tmp_path):
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy2(source, tmp_path / name)

    # Bring the scratch catalogue up to date with the source, as a developer would.
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "en", "--no-obsolete", "--verbosity", "0"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=300,
    )

    problems = untranslated((tmp_path / CATALOGUE).read_text(encoding="utf-8"))
    assert not problems, (
        f"{len(problems)} strings without an English translation "
        f"(run `manage.py makemessages -l en`, translate, `compilemessages`):\n" + "\n".join(problems)
    )
