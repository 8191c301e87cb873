"""Time zones by their IANA names: webinars are planned in local wall time."""

import functools
import zoneinfo
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def zone_of(name: str) -> zoneinfo.ZoneInfo:
    """The time zone called ``name`` (e.g. "Africa/Nairobi"), or ValidationError."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValidationError(
            _("“%(name)s” is not a time zone name such as Africa/Nairobi."),
            code="invalid_time_zone",
            params={"name": name},
        ) from None


def zone_validate(name: str) -> None:
    """Model field validator: ``name`` must be an IANA time zone."""
    zone_of(name)


@functools.cache
def zone_choices() -> list[tuple[str, str]]:
    """Every IANA time zone this system knows, for a select box."""
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


def wall_time_to_aware(naive: datetime, zone_name: str) -> datetime:
    """The instant at which clocks in ``zone_name`` show ``naive``, in UTC.

    A wall time skipped when clocks go forward is refused; one that happens
    twice when they go back is taken the first time.
    """
    zone = zone_of(zone_name)
    aware = naive.replace(tzinfo=zone)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise ValidationError(
            _(
                "%(time)s does not exist in %(zone)s: the clocks skip it. "
                "Choose another time."
            ),
            code="nonexistent_time",
            params={"time": naive.strftime("%Y-%m-%d %H:%M"), "zone": zone_name},
        )
    return aware.astimezone(UTC)


def aware_to_wall_time(value: datetime, zone_name: str) -> datetime:
    """What clocks in ``zone_name`` show at the instant ``value`` (naive)."""
    return value.astimezone(zone_of(zone_name)).replace(tzinfo=None)
