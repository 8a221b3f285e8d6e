import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "folio.settings")
application = get_wsgi_application()

# Import every view now rather than on the first request, then take everything start-up made
# out of the garbage collector's sight: otherwise every few requests a full collection walks
# all of Django's and the libraries' objects again (about 100 ms on the sender portal).
from django.urls import get_resolver  # noqa: E402 - after the application is set up

get_resolver().url_patterns  # noqa: B018 - imports the URLconf and its views
gc.collect()
gc.freeze()
