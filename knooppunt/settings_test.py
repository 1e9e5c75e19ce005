"""Settings for the test suite: the real settings, with a fast password hasher.

The default PBKDF2 hasher spends about a quarter of a second per password on
purpose; tests create many users, so they use MD5, which is never acceptable
outside tests.
"""

from knooppunt.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tests run with DEBUG off, so WhiteNoise indexes STATIC_ROOT at start-up and
# warns on every request when it does not exist (collectstatic never runs in tests).
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Page counts and views are tested on freshly built pages; the page cache has its own tests.
KNOOPPUNT_PAGE_CACHE = False
