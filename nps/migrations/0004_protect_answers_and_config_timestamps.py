"""Answers are never deleted with configuration: a wave's invitations and an invitation's response are PROTECTed
(deleting a wave used to cascade to its invitations and their answers). Configuration rows gain `updated_at`
(trigger rules also `created_at`), the platform's timestamp names."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("nps", "0003_response_fewer_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="invitation",
            name="campaign",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="invitations",
                to="nps.campaign",
            ),
        ),
        migrations.AlterField(
            model_name="response",
            name="invitation",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT, related_name="response", to="nps.invitation"
            ),
        ),
        migrations.AlterField(
            model_name="survey",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="angelegt"),
        ),
        migrations.AddField(
            model_name="survey",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="geändert"),
        ),
        migrations.AlterField(
            model_name="campaign",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="angelegt"),
        ),
        migrations.AddField(
            model_name="campaign",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="geändert"),
        ),
        migrations.AddField(
            model_name="triggerrule",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, default=django.utils.timezone.now, verbose_name="angelegt"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="triggerrule",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="geändert"),
        ),
    ]
