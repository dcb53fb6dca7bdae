"""Internet sockets forbidden; loopback and Unix sockets (D-Bus, single instance) allowed.

Used by every reliability test (an autouse fixture) and, as a plugin, for any run::

    pytest -p tests.reliability.no_network tests/unit

Child processes inherit it through ``SUPPORTDESK_NO_NETWORK=1`` when they import
this module (the reliability workers do).
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import socket
from collections.abc import Iterator
from typing import Any

import pytest

ENV = "SUPPORTDESK_NO_NETWORK"
INTERNET = (socket.AF_INET, socket.AF_INET6)


class NetworkForbidden(OSError):
    """A test (or the app under test) tried to reach the network."""


def _is_local(address: Any) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name: resolving it would already use the network


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_sendto = socket.socket.sendto
_real_getaddrinfo = socket.getaddrinfo


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if self.family in INTERNET and not _is_local(address):
        raise NetworkForbidden(f"network use forbidden in tests: {address!r}")
    _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if self.family in INTERNET and not _is_local(address):
        raise NetworkForbidden(f"network use forbidden in tests: {address!r}")
    return _real_connect_ex(self, address)


def _guarded_sendto(self: socket.socket, data: Any, *args: Any) -> int:
    address = args[-1]
    if self.family in INTERNET and not _is_local(address):
        raise NetworkForbidden(f"network use forbidden in tests: {address!r}")
    return _real_sendto(self, data, *args)


def _guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if host is not None and not _is_local(host if isinstance(host, str) else host.decode()):
        raise NetworkForbidden(f"name lookup forbidden in tests: {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


def install() -> None:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    socket.socket.sendto = _guarded_sendto  # type: ignore[method-assign,assignment]
    socket.getaddrinfo = _guarded_getaddrinfo


def uninstall() -> None:
    socket.socket.connect = _real_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _real_connect_ex  # type: ignore[method-assign]
    socket.socket.sendto = _real_sendto  # type: ignore[method-assign]
    socket.getaddrinfo = _real_getaddrinfo


@contextlib.contextmanager
def forbid_internet() -> Iterator[None]:
    already = socket.socket.connect is _guarded_connect
    install()
    try:
        yield
    finally:
        if not already:
            uninstall()


def pytest_configure(config: pytest.Config) -> None:
    """As a plugin (``-p tests.reliability.no_network``): forbid for the whole run."""
    install()
    os.environ[ENV] = "1"


if os.environ.get(ENV) == "1":
    install()
