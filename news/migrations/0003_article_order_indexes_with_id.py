# The newest-first order is (published_at, id): with the id in the index, deep list pages
# (`?trang=500`) skip index entries only, instead of reading and sorting table rows.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_article_views_index"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="article", name="news_article_pub_idx"),
        migrations.RemoveIndex(model_name="article", name="news_article_cat_idx"),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["status", "-published_at", "-id"], name="news_article_pub_idx"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["category", "status", "-published_at", "-id"], name="news_article_cat_idx"
            ),
        ),
    ]
