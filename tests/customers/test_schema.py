import pytest


@pytest.mark.django_db
def test_openapi_schema_documents_the_customer_endpoints(api_as, cx_admin):
    response = api_as(cx_admin).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/customers/",
        "/api/v1/customers/{id}/",
        "/api/v1/customers/{id}/consents/",
        "/api/v1/customers/{id}/consents/withdraw/",
        "/api/v1/customers/{id}/export/",
        "/api/v1/customers/{id}/erase/",
        "/api/v1/customers/import/",
        "/api/v1/customer-imports/{id}/",
        "/api/v1/interactions/",
        "/api/v1/interactions/{id}/",
    ):
        assert path in paths, path
    assert "multipart/form-data" in paths["/api/v1/customers/import/"]["post"]["requestBody"]["content"]
