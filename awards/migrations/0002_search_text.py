from django.db import migrations, models

from core.text import fold


def fill(apps, schema_editor):
    """Movements and awards saved before the columns existed get their folded text
    now."""
    Campaign = apps.get_model("awards", "Campaign")
    campaigns = list(Campaign.objects.only("name", "period"))
    for campaign in campaigns:
        campaign.search_text = fold(f"{campaign.name}\n{campaign.period}")
    Campaign.objects.bulk_update(campaigns, ["search_text"], batch_size=500)

    Award = apps.get_model("awards", "Award")
    awards = list(Award.objects.only("title", "decision_number", "citation"))
    for award in awards:
        award.search_text = fold(
            f"{award.title}\n{award.decision_number}\n{award.citation}"
        )
    Award.objects.bulk_update(awards, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="award",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="campaign",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
