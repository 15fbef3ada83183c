"""The portal as gunicorn serves it in production, plus /media/ (nginx's job there), for Lighthouse."""

from django.conf import settings
from whitenoise import WhiteNoise

from frontcms.wsgi import application as portal

application = WhiteNoise(portal)
application.add_files(settings.MEDIA_ROOT, prefix=settings.MEDIA_URL)
