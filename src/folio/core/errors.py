"""Errors that services raise and interfaces turn into clear 4xx answers."""

from django.utils.functional import Promise


class ApplicationError(Exception):
    """A refusal with a machine-readable code and a human message.

    `status` is the HTTP status an interface should answer with.
    """

    status = 400

    def __init__(self, code: str, message: str | Promise, *, extra: dict | None = None):
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.extra = extra or {}

    def as_dict(self) -> dict:
        return {"code": self.code, "message": str(self.message), **self.extra}


class NotFoundError(ApplicationError):
    """The object does not exist, or the actor may not know that it does."""

    status = 404


class PermissionDeniedError(ApplicationError):
    status = 403


class ConflictError(ApplicationError):
    status = 409


class IllegalTransitionError(ApplicationError):
    status = 409
