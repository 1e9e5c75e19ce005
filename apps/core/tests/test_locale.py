from django.conf import settings


def test_english_browser_still_gets_dutch(anon_client, db):
    # given a browser that prefers English
    # when it opens the landing page without having chosen a language
    response = anon_client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    # then the page is Dutch
    assert response.status_code == 200
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl">' in response.content.decode()


def test_language_switch_cookie_selects_english(anon_client, db):
    anon_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = anon_client.get("/")
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_unknown_language_cookie_falls_back_to_dutch(anon_client, db):
    anon_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    response = anon_client.get("/")
    assert response["Content-Language"] == "nl"


def test_logged_in_preference_is_used_without_cookie(client, django_user_model, db):
    user = django_user_model.objects.create_user(
        username="eng", email="eng@example.test", password="x-long-password-1", preferred_language="en"
    )
    client.force_login(user)
    response = client.get("/")
    assert response["Content-Language"] == "en"
