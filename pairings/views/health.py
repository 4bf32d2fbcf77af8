from django.db import DatabaseError, connection
from django.http import JsonResponse

from pairings.cache import cache_answers


def healthz(request):
    """Report each dependency, for load balancers and monitors: 503 when the database does not
    answer (no page can be drawn); 200 and "degraded" when only the cache does not, since the
    instance still serves every page, drawn uncached. The cache is shared by every instance:
    a 503 for it would take them all out of the load balancer at once."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        database = False
    else:
        database = True
    health = {"database": database, "cache": cache_answers()}
    if not database:
        return JsonResponse({"status": "unavailable", **health}, status=503)
    return JsonResponse({"status": "ok" if health["cache"] else "degraded", **health})
