"""Demo data: a relationship survey with a finished wave (~150 answers over 90 days) and a transactional survey
triggered at the delivery touchpoint. Idempotent: does nothing when the demo surveys exist."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from customers.choices import ConsentPurpose, ConsentStatus
from customers.models import Customer, Interaction
from nps import stats
from nps.choices import CampaignStatus, InvitationStatus, SurveyKind
from nps.models import Campaign, Invitation, InvitationSend, Response, Survey, TriggerRule
from touchpoints.models import Touchpoint

RELATIONSHIP = "Kundenbeziehung 2026"
TRANSACTIONAL = "Nach der Lieferung"

COMMENTS = {
    "promoter": [
        "Sehr freundliche Beratung in der Filiale, gerne wieder!",
        "Schnelle Lieferung und alles bestens verpackt.",
        "Der Kundenservice hat mir sofort geholfen.",
        "Gute Auswahl und faire Preise.",
    ],
    "passive": [
        "Im Großen und Ganzen zufrieden, die Wartezeit an der Kasse war lang.",
        "Der Webshop könnte übersichtlicher sein.",
        "Ware gut, Lieferung einen Tag später als angekündigt.",
    ],
    "detractor": [
        "Die Lieferung kam beschädigt an und niemand hat sich gemeldet.",
        "Telefonisch stundenlang nicht durchgekommen.",
        "Die Rückerstattung hat über drei Wochen gedauert.",
        "Unfreundliche Behandlung an der Information.",
    ],
}


def _score(rng: random.Random, days_ago: int) -> int:
    # A gentle improvement over the quarter so the trend line has something to show.
    lift = (90 - days_ago) / 90
    weights = [2, 1, 1, 2, 2, 4, 6, 10, 14, 14 + 8 * lift, 10 + 10 * lift]
    return rng.choices(range(11), weights)[0]


def _answered(rng: random.Random, *, survey: Survey, customer: Customer, sent_at: dt.datetime, **extra: Any) -> None:
    invitation = Invitation.objects.create(
        survey=survey, customer=customer, scheduled_for=sent_at, sent_at=sent_at, last_sent_at=sent_at, **extra
    )
    InvitationSend.objects.create(
        invitation=invitation, sequence=0, sent_at=sent_at, message_id=f"<demo-{invitation.pk}>"
    )
    if rng.random() > 0.85:
        return  # unanswered
    answered_at = min(sent_at + dt.timedelta(hours=rng.randint(1, 96)), timezone.now())
    score = _score(rng, (timezone.now() - answered_at).days)
    category = stats.category(score)
    touchpoint = invitation.touchpoint
    Response.objects.create(
        invitation=invitation,
        survey=survey,
        customer=customer,
        touchpoint=touchpoint,
        department_id=touchpoint.department_id if touchpoint else None,
        segment=customer.segment,
        score=score,
        category=category,
        comment=rng.choice(COMMENTS[category]) if rng.random() < 0.45 else "",
        needs_follow_up=score <= survey.detractor_threshold,
        submitted_at=answered_at,
        updated_at=answered_at,
    )
    Invitation.objects.filter(pk=invitation.pk).update(status=InvitationStatus.ANSWERED, answered_at=answered_at)


def seed(stdout: Any) -> None:
    if Survey.objects.filter(name__in=[RELATIONSHIP, TRANSACTIONAL]).exists():
        stdout.write("NPS-Demodaten sind schon vorhanden.")
        return
    rng = random.Random(2026)  # noqa: S311 - reproducible demo data, not security
    now = timezone.now()
    delivery = Touchpoint.objects.filter(slug="lieferung").first() or Touchpoint.objects.filter(slug="webshop").first()
    relationship = Survey.objects.create(
        name=RELATIONSHIP,
        kind=SurveyKind.RELATIONSHIP,
        promoter_prompt_de="Wir freuen uns über Ihre Bewertung im Bewertungsportal.",
        promoter_prompt_en="We would be delighted if you reviewed us on the review portal.",
        extra_questions=[
            {
                "key": "beratung",
                "label_de": "Wie bewerten Sie unsere Beratung?",
                "label_en": "How do you rate our advice?",
            }
        ],
    )
    transactional = Survey.objects.create(
        name=TRANSACTIONAL,
        kind=SurveyKind.TRANSACTIONAL,
        touchpoint=delivery,
        question_de="Wie wahrscheinlich ist es, dass Sie uns nach dieser Lieferung weiterempfehlen?",
        question_en="After this delivery, how likely is it that you would recommend us?",
        max_reminders=0,
    )
    if delivery is not None:
        TriggerRule.objects.create(touchpoint=delivery, survey=transactional, delay_hours=24, sampling_rate=0.5)

    consented = list(
        Customer.objects.filter(
            erased_at__isnull=True,
            consents__purpose=ConsentPurpose.SURVEY_EMAIL,
            consents__status=ConsentStatus.GRANTED,
        )
        .exclude(email="")
        .order_by("pk")
    )
    rng.shuffle(consented)
    wave_customers = consented[:175]  # the rest stays outside the quarantine for a new wave
    campaign = Campaign.objects.create(
        name="Beziehungswelle Herbst",
        survey=relationship,
        status=CampaignStatus.DONE,
        launched_at=now - dt.timedelta(days=90),
        finished_at=now - dt.timedelta(days=1),
        invited=len(wave_customers),
    )
    for index, customer in enumerate(wave_customers):
        days_ago = 89 - (index * 88 // max(1, len(wave_customers)))
        sent_at = now - dt.timedelta(days=days_ago, hours=rng.randint(0, 12))
        _answered(rng, survey=relationship, customer=customer, sent_at=sent_at, campaign=campaign)

    if delivery is not None:
        interactions = Interaction.objects.filter(touchpoint=delivery, occurred_at__gte=now - dt.timedelta(days=85))
        interactions = interactions.filter(customer__in=wave_customers).select_related("customer")[:50]
        for interaction in interactions:
            sent_at = interaction.occurred_at + dt.timedelta(hours=24)
            if sent_at < now:
                _answered(
                    rng,
                    survey=transactional,
                    customer=interaction.customer,
                    sent_at=sent_at,
                    interaction=interaction,
                    touchpoint=delivery,
                )
    stdout.write(f"NPS: {Response.objects.count()} Antworten in {Invitation.objects.count()} Einladungen.")
