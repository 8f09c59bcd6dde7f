from __future__ import annotations

import pytest
from django.core.mail import EmailMultiAlternatives


@pytest.mark.django_db
def test_a_sent_email_appears_in_the_outbox_for_admins_only(client, cx_admin, agent, settings):
    settings.EMAIL_BACKEND = "core.mail.OutboxBackend"
    message = EmailMultiAlternatives(
        subject="Ihre Meinung ist uns wichtig", body="Hallo Frau Muster", to=["erika@example.org"]
    )
    message.attach_alternative("<p>Hallo Frau Muster</p>", "text/html")
    assert message.send() == 1

    client.force_login(cx_admin)
    page = client.get("/outbox/").content.decode()
    assert "Ihre Meinung ist uns wichtig" in page
    assert "erika@example.org" in page
    from core.models import OutboxEmail

    detail = client.get(f"/outbox/{OutboxEmail.objects.get().pk}/").content.decode()
    assert "Hallo Frau Muster" in detail

    client.force_login(agent)
    assert client.get("/outbox/").status_code == 403


@pytest.mark.django_db
def test_the_outbox_is_closed_when_a_real_mail_server_is_used(client, cx_admin, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(cx_admin)
    assert client.get("/outbox/").status_code == 403
