from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

HEALTH_CACHE_KEY = "healthz:probe"


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        return False


def _cache_ok() -> bool:
    try:
        cache.set(HEALTH_CACHE_KEY, "ok", 10)
        return cache.get(HEALTH_CACHE_KEY) == "ok"
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        return False


@never_cache
def healthz(request):
    """Report database and cache status for load balancers (200 or 503)."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    healthy = all(checks.values())
    body = {
        "status": "ok" if healthy else "error",
        **{name: "ok" if ok else "error" for name, ok in checks.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)
