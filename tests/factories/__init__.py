"""factory_boy factories for every app: `from tests.factories import ArticleFactory`.

One module per app (core, committees, events, news); this package re-exports them all.
"""

from tests.factories.committees import *  # noqa: F403
from tests.factories.core import *  # noqa: F403
from tests.factories.engagement import *  # noqa: F403
from tests.factories.events import *  # noqa: F403
from tests.factories.news import *  # noqa: F403
