import pytest


@pytest.mark.django_db
def test_the_cceo_is_offered_the_dashboard_and_every_module(client, cceo):
    client.force_login(cceo)
    page = client.get("/").content.decode()
    for link in ("/dashboard/", "/complaints/", "/feedback/", "/customers/", "/training/"):
        assert f'href="{link}' in page


@pytest.mark.django_db
def test_a_trainer_is_not_offered_customer_facing_modules(client, trainer):
    client.force_login(trainer)
    page = client.get("/").content.decode()
    main = page.split('id="main"', 1)[1]
    assert 'href="/complaints/' not in main
    assert 'href="/dashboard/' not in main
    assert "Zu den Schulungen" in main


@pytest.mark.django_db
def test_the_home_page_speaks_english_on_request(client, agent):
    client.force_login(agent)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "To the complaints" in page
