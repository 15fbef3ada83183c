# An index for the "most read" block (frontcms.engagement): the top few articles by views.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["-view_count"], name="news_article_views_idx"),
        ),
    ]
