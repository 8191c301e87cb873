"""Read configuration from environment variables, and only from there.

Every variable the platform reads is documented in README.md. A missing or
malformed value stops start-up with a message that names the variable.
"""

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str | None = None) -> str | None:
    """The variable's value, or ``default`` when it is unset or empty."""
    value = os.environ.get(name, "").strip()
    return value or default


def env_required(name: str) -> str:
    """The variable's value; start-up fails when it is unset or empty."""
    value = env_str(name)
    if value is None:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required in this configuration "
            "(see README.md, 'Configuration')."
        )
    return value


def env_bool(name: str, default: bool = False) -> bool:
    """Read true/false, yes/no, on/off or 1/0; anything else stops start-up."""
    value = env_str(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"The environment variable {name} must be true or false, not {value!r}."
    )


def env_int(name: str, default: int) -> int:
    """Read a whole number; anything else stops start-up."""
    value = env_str(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be a whole number, not {value!r}."
        ) from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """Read a comma-separated list, ignoring blanks around items."""
    value = env_str(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]
