from django.test import override_settings

from apps.core.links import absolute_url


@override_settings(KNOOPPUNT_BASE_URL="https://knooppunt.example/")
def test_absolute_url_prefixes_paths_and_leaves_full_urls_alone():
    assert absolute_url("/vragen/abc/") == "https://knooppunt.example/vragen/abc/"
    assert absolute_url("https://elders.example/x") == "https://elders.example/x"
    assert absolute_url("") == ""
