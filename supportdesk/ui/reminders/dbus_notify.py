"""Desktop notifications over D-Bus (org.freedesktop.Notifications) with jeepney.

Unlike ``notify-send``, every failure is seen: no session bus, no notification
service, an error reply or no reply in time all raise ``NotifyFailed`` with a short
technical reason (never the notification's text). Clicking a notification
(the "default" action) is reported through ``on_action`` from jeepney's receiver
thread; the Qt side turns it into a queued signal.

The spec lets a server read a small markup subset in the body ("body-markup" in its
capabilities): there the body is escaped, so a name such as ``<b>Sam</b>`` or
``<img src=...>`` is shown as typed. The summary is plain text by the spec.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from html import escape
from typing import Any

from jeepney import DBusAddress, HeaderFields, MatchRule, MessageType, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.threading import DBusRouter, open_dbus_connection

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
APP_NAME = "SupportDesk"
REPLY_TIMEOUT = 3.0
DEFAULT_ACTION = "default"

ActionHandler = Callable[[int, str], None]


class NotifyFailed(Exception):
    """The notification was not shown; ``str()`` is a short technical reason."""


class _CallbackQueue(queue.Queue[Any]):
    """A jeepney filter queue that hands each message straight to a callback."""

    def __init__(self, callback: Callable[[Any], None]) -> None:
        super().__init__()
        self._callback = callback

    def put_nowait(self, item: Any) -> None:
        self._callback(item)


class DbusNotifications:
    """One session-bus connection, opened on first use and reopened after a failure."""

    def __init__(self, on_action: ActionHandler | None = None, app_icon: str = "") -> None:
        self.on_action = on_action
        self.app_icon = app_icon
        self._router: DBusRouter | None = None
        self._body_markup: bool | None = None  # asked once per connection
        self._address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)

    def _connect(self) -> DBusRouter:
        if self._router is not None:
            return self._router
        try:
            connection = open_dbus_connection(bus="SESSION")
        except KeyError as error:
            raise NotifyFailed("no session bus address") from error
        except (OSError, ValueError) as error:
            raise NotifyFailed(f"cannot reach the session bus ({type(error).__name__})") from error
        router = DBusRouter(connection)
        rule = MatchRule(type="signal", interface=SERVICE, member="ActionInvoked", path=PATH)
        try:
            router.send_and_get_reply(message_bus.AddMatch(rule), timeout=REPLY_TIMEOUT)
        except (TimeoutError, OSError) as error:
            self._close_router(router)
            raise NotifyFailed("the session bus did not answer") from error
        router.filter(rule, queue=_CallbackQueue(self._on_signal))
        self._router = router
        return router

    def _on_signal(self, message: Any) -> None:
        notification_id, action = message.body
        if self.on_action is not None:
            self.on_action(int(notification_id), str(action))

    def _reads_body_markup(self, router: DBusRouter) -> bool:
        """Whether the server reads markup in the body (when unsure: assume it does)."""
        if self._body_markup is None:
            try:
                reply = router.send_and_get_reply(
                    new_method_call(self._address, "GetCapabilities"), timeout=REPLY_TIMEOUT)
            except TimeoutError:
                return True
            except Exception as error:  # the connection dropped: start afresh next time
                self.close()
                raise NotifyFailed(f"the session bus connection failed "
                                   f"({type(error).__name__})") from error
            if reply.header.message_type != MessageType.method_return:
                return True  # no server yet; the Notify call says why
            self._body_markup = "body-markup" in reply.body[0]
        return self._body_markup

    def notify(self, title: str, body: str, timeout_ms: int = -1) -> int:
        """Show a notification; returns its id. Raises NotifyFailed if it was not shown."""
        router = self._connect()
        if self._reads_body_markup(router):
            body = escape(body, quote=False)
        message = new_method_call(
            self._address, "Notify", "susssasa{sv}i",
            (APP_NAME, 0, self.app_icon, title, body, [DEFAULT_ACTION, "Open SupportDesk"],
             {"category": ("s", "reminder")}, timeout_ms),
        )
        try:
            reply = router.send_and_get_reply(message, timeout=REPLY_TIMEOUT)
        except TimeoutError as error:
            raise NotifyFailed("the notification service did not answer in time") from error
        except Exception as error:  # the connection dropped: start afresh next time
            self.close()
            raise NotifyFailed(f"the session bus connection failed ({type(error).__name__})") \
                from error
        if reply.header.message_type == MessageType.error:
            name = reply.header.fields.get(HeaderFields.error_name, "unknown error")
            raise NotifyFailed(f"the notification service refused: {name}")
        return int(reply.body[0])

    def close(self) -> None:
        if self._router is not None:
            self._close_router(self._router)
            self._router = None
            self._body_markup = None

    @staticmethod
    def _close_router(router: DBusRouter) -> None:
        router.close()
        router.conn.close()
