"""A fixed-window request counter per client address, in the shared cache.

allauth limits logins; this limits other public forms (certificate lookups)
the same way, with the client address allauth's adapter resolves (it honours
``ALLAUTH_TRUSTED_PROXY_COUNT`` behind a load balancer).
"""

import time

from allauth.account.adapter import get_adapter
from django.core.cache import cache


def rate_limited(request, *, scope: str, limit: int, period: int) -> bool:
    """Count this request; True once the client made more than ``limit``
    requests in the current ``period`` seconds."""
    address = get_adapter(request).get_client_ip(request)
    window = int(time.time() // period)
    key = f"ratelimit:{scope}:{address}:{window}"
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period)
        count = 1
    return count > limit
