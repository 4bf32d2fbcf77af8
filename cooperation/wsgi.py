import os

from django.core.wsgi import get_wsgi_application

from cooperation.garbage_collection import tune_for_requests

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cooperation.settings")
application = get_wsgi_application()
tune_for_requests()
