"""Why the portal refuses a request. Routes show each as a page that reveals nothing about the
case: which one is chosen is the only information a wrong guess gets."""
from __future__ import annotations


class PortalRefusal(Exception):
    status = 400
    page = "badform"


class LinkUnknown(PortalRefusal):
    status, page = 404, "notfound"


class LinkGone(PortalRefusal):
    """Expired or revoked: the same page for both."""
    status, page = 410, "gone"


class LinkLocked(PortalRefusal):
    status, page = 429, "locked"


class RateLimited(PortalRefusal):
    status, page = 429, "limited"


class NoSession(PortalRefusal):
    status, page = 401, "expired"


class BadForm(PortalRefusal):
    """A form without a valid CSRF token, or not a form at all."""
    status, page = 403, "badform"


class FormProblem(PortalRefusal):
    """The form is understood but cannot be accepted: the page is shown again with a message."""
    page = "form"

    def __init__(self, message_key: str, status: int = 422):
        super().__init__(message_key)
        self.message_key, self.status = message_key, status
