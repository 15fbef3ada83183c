# Indexes for the "most read" block (top events by views) and for upcoming/past events
# (EventQuerySet.with_end filters on the end, or the start when there is no end).

import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_event_view_count_allow_comments"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["-view_count"], name="events_event_views_idx"),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                django.db.models.functions.comparison.Coalesce("ends_at", "starts_at"),
                name="events_event_end_idx",
            ),
        ),
    ]
