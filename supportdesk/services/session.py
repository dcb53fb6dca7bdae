"""One open vault and the services over it, as the GUI and CLI use them."""

from __future__ import annotations

from dataclasses import dataclass, field

import peewee as pw

from supportdesk.services.clock import Clock, system_clock
from supportdesk.services.network import NetworkService
from supportdesk.store import database
from supportdesk.store.repository import Repository


@dataclass
class Session:
    db: pw.Database
    clock: Clock = system_clock
    repo: Repository = field(init=False)
    network: NetworkService = field(init=False)

    def __post_init__(self) -> None:
        database.bind(self.db)
        self.repo = Repository()
        self.network = NetworkService(self.repo, self.clock)

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()
