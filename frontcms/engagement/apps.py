"""Reader engagement: view counts, visitor statistics, comments, ratings, polls, citizens' feedback."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _perms(model: str, actions=("add", "change", "delete", "view")) -> list[str]:
    return [f"engagement.{action}_{model}" for action in actions]


class EngagementConfig(AppConfig):
    name = "frontcms.engagement"
    label = "engagement"
    verbose_name = _("Tương tác bạn đọc")

    # District editors moderate comments, run polls and answer feedback; ward contributors do not.
    role_permissions = {
        "Biên tập viên": [
            *_perms("comment", ("change", "delete", "view")),
            *_perms("poll"),
            *_perms("choice"),
            *_perms("feedback", ("change", "view")),
            "engagement.view_rating",
        ],
    }

    def ready(self) -> None:
        from frontcms import home

        from . import api, blocks

        api.register_default_models()
        home.register(
            home.HomeBlock(
                "engagement_most_read",
                "engagement/blocks/most_read.html",
                blocks.most_read_context,
                order=50,
            )
        )
        home.register(
            home.HomeBlock(
                "engagement_poll",
                "engagement/blocks/poll.html",
                blocks.poll_context,
                order=20,
                region="aside",
            )
        )
        home.register(
            home.HomeBlock(
                "engagement_stats",
                "engagement/blocks/stats.html",
                blocks.stats_context,
                order=90,
                region="aside",
                # Global figures, refreshed by engagement.js on load (the kept ones are for readers
                # without JavaScript).
            )
        )
