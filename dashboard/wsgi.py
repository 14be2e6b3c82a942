"""`server` for gunicorn: `gunicorn dashboard.wsgi:server`."""

from dashboard import db
from dashboard.app import create_app

app = create_app()
# Dash finishes its setup on the first request, and threads racing that first request can be served
# before the component libraries are registered (500 on /_dash-component-suites). Make the first
# request here, in the worker, before any real one. It evaluates the layout, which reads the database:
# close that connection again, so importing this module leaves nothing open to cross a fork (gunicorn
# --preload imports in the master); each worker opens the file on its first real request.
app.server.test_client().get("/")
db.close()
server = app.server
