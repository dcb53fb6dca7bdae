"""Desktop notifications over D-Bus (org.freedesktop.Notifications) with jeepney.

Unlike ``notify-send``, every failure is seen: no session bus, no notification
service, an error reply or no reply in time all raise ``NotifyFailed`` with a short
technical reason (never the notification's text). Clicking a notification
(the "default" action) or one of its buttons (``actions``, offered only where the
server lists "actions" in its capabilities) is reported through ``on_action``, and
its closing through ``on_closed``, both from jeepney's receiver thread; the Qt side
turns them into queued signals. Only signals sent by the server that showed our
notifications are believed: another program on the bus cannot act for the person.

The spec lets a server read a small markup subset in the body ("body-markup" in its
capabilities): there the body is escaped, so a name such as ``<b>Sam</b>`` or
``<img src=...>`` is shown as typed. The summary is plain text by the spec.
"""

from __future__ import annotations

import queue
from collections.abc import Callable, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

# jeepney (and the concurrent.futures it brings) loads with the first notification, not
# with the window: most starts send none.
if TYPE_CHECKING:
    from jeepney import DBusAddress
    from jeepney.io.threading import DBusRouter

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
APP_NAME = "SupportDesk"
REPLY_TIMEOUT = 3.0
DEFAULT_ACTION = "default"

ActionHandler = Callable[[int, str], None]
ClosedHandler = Callable[[int], None]
Action = tuple[str, str]  # (key, label) as the spec's action list pairs them


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

    def __init__(self, on_action: ActionHandler | None = None, app_icon: str = "",
                 on_closed: ClosedHandler | None = None) -> None:
        self.on_action = on_action
        self.on_closed = on_closed
        self.app_icon = app_icon
        self._router: DBusRouter | None = None
        self._capabilities: frozenset[str] | None = None  # asked once per connection
        self._server = ""  # the unique bus name of the server that showed ours

    @property
    def _address(self) -> DBusAddress:
        from jeepney import DBusAddress

        return DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)

    def _connect(self) -> DBusRouter:
        if self._router is not None:
            return self._router
        from jeepney import MatchRule
        from jeepney.bus_messages import message_bus
        from jeepney.io.threading import DBusRouter, open_dbus_connection

        try:
            connection = open_dbus_connection(bus="SESSION")
        except KeyError as error:
            raise NotifyFailed("no session bus address") from error
        except (OSError, ValueError) as error:
            raise NotifyFailed(f"cannot reach the session bus ({type(error).__name__})") from error
        router = DBusRouter(connection)
        # The bus sends only what the notification server itself signals (it resolves
        # the well-known name); the local filter cannot, so _on_signal checks the sender.
        wanted = MatchRule(type="signal", sender=SERVICE, interface=SERVICE, path=PATH)
        try:
            router.send_and_get_reply(message_bus.AddMatch(wanted), timeout=REPLY_TIMEOUT)
        except (TimeoutError, OSError) as error:
            self._close_router(router)
            raise NotifyFailed("the session bus did not answer") from error
        router.filter(MatchRule(type="signal", interface=SERVICE, path=PATH),
                      queue=_CallbackQueue(self._on_signal))
        self._router = router
        return router

    def _on_signal(self, message: Any) -> None:
        from jeepney import HeaderFields

        if not self._server or message.header.fields.get(HeaderFields.sender) != self._server:
            return  # not from the server that showed ours
        member = message.header.fields.get(HeaderFields.member)
        if member == "ActionInvoked" and self.on_action is not None:
            notification_id, action = message.body
            self.on_action(int(notification_id), str(action))
        elif member == "NotificationClosed" and self.on_closed is not None:
            self.on_closed(int(message.body[0]))

    def capabilities(self, router: DBusRouter) -> frozenset[str] | None:
        """What the server says it can do (None when it did not say)."""
        from jeepney import MessageType, new_method_call

        if self._capabilities is None:
            try:
                reply = router.send_and_get_reply(
                    new_method_call(self._address, "GetCapabilities"), timeout=REPLY_TIMEOUT)
            except TimeoutError:
                return None
            except Exception as error:  # the connection dropped: start afresh next time
                self.close()
                raise NotifyFailed(f"the session bus connection failed "
                                   f"({type(error).__name__})") from error
            if reply.header.message_type != MessageType.method_return:
                return None  # no server yet; the Notify call says why
            self._capabilities = frozenset(str(c) for c in reply.body[0])
        return self._capabilities

    def notify(self, title: str, body: str, timeout_ms: int = -1,
               actions: Sequence[Action] = ()) -> int:
        """Show a notification; returns its id. Raises NotifyFailed if it was not shown.

        Clicking it is always the "default" action; ``actions`` are added as buttons
        only where the server offers actions, so elsewhere it is today's notification.
        """
        from jeepney import HeaderFields, MessageType, new_method_call

        router = self._connect()
        capabilities = self.capabilities(router)
        if capabilities is None or "body-markup" in capabilities:  # unsure: escape
            body = escape(body, quote=False)
        offered = [DEFAULT_ACTION, "Open SupportDesk"]
        if capabilities is not None and "actions" in capabilities:
            offered += [part for key, label in actions for part in (key, label)]
        message = new_method_call(
            self._address, "Notify", "susssasa{sv}i",
            (APP_NAME, 0, self.app_icon, title, body, offered,
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
        self._server = str(reply.header.fields.get(HeaderFields.sender, ""))
        return int(reply.body[0])

    def withdraw(self, notification_id: int) -> None:
        """Take a notification off the screen (its action was handled); never raises."""
        if self._router is None:
            return
        from jeepney import new_method_call

        try:
            self._router.send(new_method_call(self._address, "CloseNotification", "u",
                                              (notification_id,)))
        except Exception:  # it goes by itself in time; nothing to tell
            return

    def close(self) -> None:
        if self._router is not None:
            self._close_router(self._router)
            self._router = None
            self._capabilities = None

    @staticmethod
    def _close_router(router: DBusRouter) -> None:
        router.close()
        router.conn.close()
