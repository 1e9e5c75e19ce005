"""Settings for the test suite: the real settings, with a fast password hasher.

The default PBKDF2 hasher spends about a quarter of a second per password on
purpose; tests create many users, so they use MD5, which is never acceptable
outside tests.
"""

from knooppunt.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
