"""The address of the client who sent a request: the one answer every per-IP rule uses.

django-axes (login lockout, through AXES_CLIENT_IP_CALLABLE), the residents' forms
(core/ratelimit.py) and the API throttles (core/api/throttles.py) all call `client_ip`, so the
three can never disagree about who a client is.

`TRUSTED_PROXY_HOPS` (environment `DJANGO_TRUSTED_PROXY_HOPS`) says how many reverse proxies
in front of the application append the address they saw to X-Forwarded-For:

- 0 (the default, the application is reached directly): REMOTE_ADDR only. X-Forwarded-For is
  ignored, since any client can write it.
- N: the N-th address from the right of X-Forwarded-For. Each trusted proxy appends the address
  it received the connection from (nginx: `proxy_set_header X-Forwarded-For
  $proxy_add_x_forwarded_for`), so those entries are true and anything further left is what the
  client wrote itself. With one nginx (N = 1) the last entry is the client.

An entry that is missing (fewer entries than hops) or is not an IP address falls back to
REMOTE_ADDR.
"""

import ipaddress

from django.conf import settings


def _valid_ip(value) -> str | None:
    """The address in a canonical form, or None when `value` is not an IPv4/IPv6 address."""
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def trusted_proxy_hops() -> int:
    try:
        return max(int(getattr(settings, "TRUSTED_PROXY_HOPS", 0) or 0), 0)
    except (TypeError, ValueError):
        return 0


def client_ip(request) -> str | None:
    """The client's IP address as a string, or None when not even REMOTE_ADDR is an address
    (django-axes stores None; the callers that need a key use `or "unknown"`)."""
    remote_addr = _valid_ip(request.META.get("REMOTE_ADDR"))
    hops = trusted_proxy_hops()
    if hops == 0:
        return remote_addr
    entries = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [entry for entry in entries if entry]
    if len(entries) < hops:
        return remote_addr
    return _valid_ip(entries[-hops]) or remote_addr
