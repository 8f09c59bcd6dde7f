import pytest


@pytest.mark.django_db
def test_login_page_is_german_by_default(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "Anmelden" in response.content.decode()


@pytest.mark.django_db
def test_it_locks_out_after_five_failed_logins(client, agent, password):
    for _ in range(5):
        client.post("/accounts/login/", {"username": agent.username, "password": "falsch"})
    response = client.post("/accounts/login/", {"username": agent.username, "password": password})
    assert response.status_code == 429
    assert "gesperrt" in response.content.decode()


@pytest.mark.django_db
def test_api_token_is_issued_for_valid_credentials(api_client, agent, password):
    response = api_client.post("/api/v1/auth/token/", {"username": agent.username, "password": password})
    assert response.status_code == 200
    token = response.json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api_client.get("/api/v1/users/")
    assert me.status_code == 200
