"""gunicorn's access log, naming each request's client as the rate limits and django-axes see it.

gunicorn's own "%(h)s" is the peer, which behind a proxy is the proxy for every request.
"""

from gunicorn.glogging import Logger

from config.clientip import client_ip_from_meta


class ClientAddressLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["h"] = client_ip_from_meta(environ)
        return atoms
