"""What every app's views share."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def show_errors(request, error: ValidationError) -> None:
    """A service's refusal, shown to the person as messages on the next page."""
    for message in error.messages:
        messages.error(request, message)
