"""Views that only read: GET and HEAD answer, any other method is a 405 naming the two."""

from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe


def read_only(view):
    """require_safe, answered before the CSRF check.

    CsrfViewMiddleware runs before the view, so a POST to a page that takes none would be a 403
    about a missing token rather than the 405 the page means. Exempting such a view opens nothing:
    CSRF never applies to GET or HEAD, and every other method is refused.
    """
    return csrf_exempt(require_safe(view))
