"""Mails to the asker. They carry the personal link and what staff wrote in replies; never an internal note."""

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from apps.core.links import absolute_url

from .tokens import RATING, make_token


def follow_url(question) -> str:
    return absolute_url(reverse("questions:follow", kwargs={"token": make_token(question)}))


def rating_urls(question) -> list[tuple[int, str]]:
    token = make_token(question, RATING)
    return [
        (score, absolute_url(reverse("questions:rate", kwargs={"token": token, "score": score})))
        for score in range(1, 6)
    ]


def _send(question, subject: str, lines: list[str]) -> None:
    if not question.asker_email:
        return
    recipient = question.asker_email
    body = "\n".join(lines)
    transaction.on_commit(lambda: send_mail(subject, body, None, [recipient]))


def _greeting(question) -> str:
    return _("Beste %(name)s,") % {"name": question.asker_name}


def _signature() -> list[str]:
    return ["", _("Met vriendelijke groeten,"), _("De cel bovenlokaal bibliotheekbeleid")]


def send_acknowledgement(question) -> None:
    with translation.override("nl"):
        subject = _("[Knooppunt] Je vraag %(ref)s is goed ontvangen") % {"ref": question.reference}
        lines = [
            _greeting(question),
            "",
            _("We hebben je vraag “%(subject)s” goed ontvangen.") % {"subject": question.subject},
            _("Een medewerker pakt ze binnen %(days)s werkdag(en) op; je krijgt een antwoord tegen %(due)s.")
            % {"days": question.category.ack_days, "due": question.answer_due.strftime("%d/%m/%Y")},
            "",
            _("Volg je vraag en reageer via deze persoonlijke link (deel ze niet):"),
            follow_url(question),
            *_signature(),
        ]
        _send(question, subject, lines)


def send_reply(question, reply) -> None:
    with translation.override("nl"):
        subject = _("[Knooppunt] Nieuw bericht over je vraag %(ref)s") % {"ref": question.reference}
        lines = [
            _greeting(question),
            "",
            _("%(author)s schreef over je vraag “%(subject)s”:")
            % {"author": reply.author_name, "subject": question.subject},
            "",
            reply.body,
            "",
            _("Reageren of je vraag volgen kan via je persoonlijke link:"),
            follow_url(question),
            *_signature(),
        ]
        _send(question, subject, lines)


def send_rating_request(question) -> None:
    with translation.override("nl"):
        subject = _("[Knooppunt] Je vraag %(ref)s is afgesloten") % {"ref": question.reference}
        lines = [
            _greeting(question),
            "",
            _("Je vraag “%(subject)s” is afgesloten.") % {"subject": question.subject},
            _("Hoe tevreden ben je over ons antwoord? Eén klik volstaat (1 = helemaal niet, 5 = heel tevreden):"),
            "",
            *[f"{score}: {url}" for score, url in rating_urls(question)],
            "",
            _("Nog iets te vragen of klopt het antwoord niet? Reageer via je persoonlijke link:"),
            follow_url(question),
            *_signature(),
        ]
        _send(question, subject, lines)
