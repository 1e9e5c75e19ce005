"""Small helpers shared by the accounts tests."""

import re

from django.core import mail

LINK = re.compile(r"https?://\S+")


def last_mail_link() -> str:
    """The first link in the newest mail, as a path (the test client has no host)."""
    assert mail.outbox, "no mail was sent"
    match = LINK.search(mail.outbox[-1].body)
    assert match, "the mail contains no link"
    return re.sub(r"^https?://[^/]+", "", match.group(0))
