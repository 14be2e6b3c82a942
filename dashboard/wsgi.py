"""`server` for gunicorn: `gunicorn dashboard.wsgi:server`."""

from dashboard.app import create_app

app = create_app()
# Dash finishes its setup on the first request, and threads racing that first request can be served
# before the component libraries are registered (500 on /_dash-component-suites). Make the first
# request here, in the worker, before any real one.
app.server.test_client().get("/")
server = app.server
