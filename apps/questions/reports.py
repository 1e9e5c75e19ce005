"""The desk's figures: volumes per month, category, library and referentieregio; medians; SLA; satisfaction.

One pass over the year's questions (two queries), so the page costs the same
whatever the number of categories or libraries.
"""

import datetime
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import tablib
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Question, Satisfaction
from .sla import WorkingCalendar

MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


BAR_AREA = 380  # width (SVG user units) of the longest bar; labels take the 180 before it


@dataclass
class Bar:
    label: str
    value: float
    percent: float = 0.0
    y: int = 0

    @property
    def width(self) -> float:
        return round(BAR_AREA * self.percent / 100, 1)

    @property
    def value_x(self) -> float:
        return 186 + self.width


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)

    @property
    def chart_height(self) -> int:
        return 24 * len(self.bars)

    def dataset(self) -> tablib.Dataset:
        data = tablib.Dataset(headers=self.headers, title=self.title[:31])
        for row in self.rows:
            data.append(row)
        return data


def _median(values: list[int]) -> float | str:
    return round(statistics.median(values), 1) if values else "—"


def _pct(part: int, whole: int) -> float | str:
    return round(100 * part / whole, 1) if whole else "—"


def _bars(pairs: list[tuple[str, float]]) -> list[Bar]:
    top = max((value for _label, value in pairs), default=0) or 1
    return [Bar(str(label)[:28], value, round(100 * value / top, 1), 24 * i) for i, (label, value) in enumerate(pairs)]


class _Group:
    def __init__(self) -> None:
        self.count = 0
        self.ack: list[int] = []
        self.answer: list[int] = []
        self.ack_met = 0
        self.ack_judged = 0
        self.answer_met = 0
        self.answer_judged = 0

    def add(self, question: Question, calendar: WorkingCalendar, today: datetime.date) -> None:
        self.count += 1
        received = timezone.localdate(question.received_at)
        for done_at, due, durations, kind in (
            (question.acknowledged_at, question.ack_due, self.ack, "ack"),
            (question.first_answered_at, question.answer_due, self.answer, "answer"),
        ):
            if done_at is not None:
                done = timezone.localdate(done_at)
                durations.append(calendar.working_days_between(received, done))
                met = due is None or done <= due
            elif due is not None and due < today and question.paused_since is None:
                met = False
            else:
                continue  # still within its term: not judged yet
            setattr(self, f"{kind}_judged", getattr(self, f"{kind}_judged") + 1)
            if met:
                setattr(self, f"{kind}_met", getattr(self, f"{kind}_met") + 1)

    def row(self, label: str) -> list:
        return [
            label,
            self.count,
            _median(self.ack),
            _median(self.answer),
            _pct(self.ack_met, self.ack_judged),
            _pct(self.answer_met, self.answer_judged),
        ]


def questions_report(*, year: int, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    calendar = WorkingCalendar()
    questions = list(
        Question.objects.filter(received_at__year=year).select_related("category", "organisation", "region")
    )
    satisfactions = list(Satisfaction.objects.filter(question__received_at__year=year).values_list("score", flat=True))
    months = Counter(timezone.localtime(q.received_at).month for q in questions)
    overall = _Group()
    by_category: dict[str, _Group] = defaultdict(_Group)
    by_library: Counter = Counter()
    by_region: Counter = Counter()
    closed = 0
    for question in questions:
        overall.add(question, calendar, today)
        by_category[question.category.name].add(question, calendar, today)
        by_library[question.organisation.name if question.organisation else _("(geen organisatie)")] += 1
        by_region[question.region.name if question.region else _("(onbekend)")] += 1
        closed += question.status == "closed"

    group_headers = [
        _("Aantal"),
        _("Mediaan tot oppakken (werkdagen)"),
        _("Mediaan tot eerste antwoord (werkdagen)"),
        _("Oppakken op tijd (%)"),
        _("Eerste antwoord op tijd (%)"),
    ]
    month_pairs = [(f"{MONTHS[m - 1]} {year}", months.get(m, 0)) for m in range(1, 13)]
    tables = [
        Table(
            "month",
            _("Vragen per maand"),
            [_("Maand"), _("Aantal")],
            [list(pair) for pair in month_pairs],
            _bars(month_pairs),
        ),
        Table(
            "category",
            _("Per categorie"),
            [_("Categorie"), *group_headers],
            [group.row(name) for name, group in sorted(by_category.items())],
            _bars([(name, group.count) for name, group in sorted(by_category.items())]),
        ),
        Table(
            "library",
            _("Per organisatie"),
            [_("Organisatie"), _("Aantal")],
            [[name, count] for name, count in by_library.most_common()],
            _bars(by_library.most_common(15)),
        ),
        Table(
            "region",
            _("Per referentieregio"),
            [_("Referentieregio"), _("Aantal")],
            [[name, count] for name, count in sorted(by_region.items())],
            _bars(sorted(by_region.items())),
        ),
    ]
    score_counts = Counter(satisfactions)
    score_pairs = [(str(score), score_counts.get(score, 0)) for score in range(1, 6)]
    tables.append(
        Table(
            "satisfaction",
            _("Tevredenheid"),
            [_("Score"), _("Aantal")],
            [list(pair) for pair in score_pairs],
            _bars(score_pairs),
        )
    )
    summary = overall.row(_("Alle vragen"))
    return {
        "year": year,
        "total": len(questions),
        "median_ack": summary[2],
        "median_answer": summary[3],
        "ack_on_time": summary[4],
        "answer_on_time": summary[5],
        "closed": closed,
        "responses": len(satisfactions),
        "response_rate": _pct(len(satisfactions), closed),
        "average_score": round(statistics.mean(satisfactions), 2) if satisfactions else "—",
        "tables": tables,
    }
