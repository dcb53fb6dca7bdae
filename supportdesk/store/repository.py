"""Reads and writes of the domain through the bound database, in few queries.

Every list is loaded with a fixed number of queries, never one per row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import cache
from types import SimpleNamespace

import peewee as pw

from supportdesk.core.appointments import Appointment, Ask
from supportdesk.core.errors import NotFoundError
from supportdesk.core.kinds import Channel, PlanStep
from supportdesk.core.messages import MessageTemplate
from supportdesk.core.model import CheckIn, CrisisLine, Gratitude, PlanItem, Supporter
from supportdesk.core.mood import MoodEntry
from supportdesk.store import appointments_repo, change_counts, convert, meeting_rows
from supportdesk.store.database import run_many, run_sql
from supportdesk.store.models import (
    AvailabilityRow,
    CheckInRow,
    ContactMethodRow,
    CrisisLineRow,
    GratitudeRow,
    ImportantDateRow,
    MeetingRow,
    MessageTemplateRow,
    MoodEntryRow,
    NotificationLogRow,
    PlanItemRow,
    SettingRow,
    SupporterRow,
    database_proxy,
)


@dataclass
class SupporterSnapshot:
    """All a supporter owns, so a delete can be undone exactly."""

    supporter: Supporter
    checkins: list[CheckIn] = field(default_factory=list)
    gratitude_ids: list[int] = field(default_factory=list)
    plan_item_ids: list[int] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    asks: list[Ask] = field(default_factory=list)


class Repository:
    """The vault's contents as core types. Bound to ``database_proxy``."""

    def __init__(self) -> None:
        # Supporters are immutable values: one read from identical row values is reused
        # (a refresh after a change rebuilds only who changed). Each is kept by id with
        # the raw values it came from, compared in full, so a stale one is never given;
        # each load keeps only what it used.
        self._memo: dict[str, dict[object, tuple[tuple[object, ...], Supporter]]] = {
            "full": {}, "head": {}}
        self._heads: tuple[object, list[Supporter]] | None = None
        self._everyone: tuple[object, list[Supporter]] | None = None
        self._all_gratitude: tuple[object, list[Gratitude]] | None = None

    @property
    def db(self) -> pw.Database:
        db: pw.Database = database_proxy
        return db

    # -- supporters -------------------------------------------------------

    def supporters(self) -> list[Supporter]:
        """Everyone, whole, by name. Read again only after people changed
        (``change_marks``): a page shown again with nothing changed reads one count."""
        mark = self.change_marks()["people"]
        if self._everyone is not None and self._everyone[0] == mark:
            return list(self._everyone[1])
        query = SupporterRow.select().order_by(SupporterRow.name)
        everyone = self._assemble(_raw(self.db, query), memo="full")
        self._everyone = (mark, everyone)
        return list(everyone)

    def supporter_heads(self) -> list[Supporter]:
        """Everyone, for schedules and the dashboard, in few bytes: cadence, rings and
        availability, but no contact methods and blank notes. Never for editing. Read
        again only after people changed (``change_marks``)."""
        mark = self.change_marks()["people"]
        if self._heads is not None and self._heads[0] == mark:
            return list(self._heads[1])
        head = [getattr(SupporterRow, name) for name in HEAD_COLUMNS]
        rows = _raw(self.db, SupporterRow.select(*head).order_by(SupporterRow.name))
        heads = self._assemble(rows, memo="head", contacts=False)
        self._heads = (mark, heads)
        return list(heads)

    def change_marks(self) -> dict[str, object]:
        """A mark per kind of data ("people", "checkins", "gratitude", "plan", "settings",
        "reminders") that
        moves on every write to it, by any connection or process (store/change_counts.py):
        what was read can be kept while its count stands still.

        Inside a transaction the marks are new objects that nothing will equal: what is
        read there may yet be rolled back, and a rolled-back count comes round again for
        a different change, so nothing read there may be found again later."""
        if self.db.in_transaction():
            return {name: object() for name in change_counts.GROUPS}
        counts = change_counts.read(self.db)
        # With the epoch, a restore whose counts happen to equal today's still differs.
        epoch = counts.get(change_counts.EPOCH)
        return {name: (epoch, counts.get(name)) for name in change_counts.GROUPS}

    def change_counts(self) -> dict[str, int]:
        """The raw change counts and the epoch, for the change feed (services/feed.py)."""
        return change_counts.read(self.db)

    def supporter(self, supporter_id: int) -> Supporter:
        rows = _raw(self.db, SupporterRow.select().where(SupporterRow.id == supporter_id))
        if not rows.values:
            raise NotFoundError("That person is no longer in your network.")
        return self._assemble(rows)[0]

    def find_by_name(self, name: str) -> list[Supporter]:
        needle = name.strip().casefold()
        return [s for s in self.supporters() if needle in s.name.casefold()]

    def _assemble(self, rows: RawRows, *, memo: str = "", contacts: bool = True
                  ) -> list[Supporter]:
        if not rows.values:
            return []
        id_at = rows.names.index("id")
        ids = [values[id_at] for values in rows.values]
        in_ids = ids if len(ids) <= 900 else None  # SQLite's variable limit
        contact_query = ContactMethodRow.select()
        window_query = AvailabilityRow.select()
        if in_ids is not None:
            contact_query = contact_query.where(ContactMethodRow.supporter.in_(in_ids))
            window_query = window_query.where(AvailabilityRow.supporter.in_(in_ids))
        method_rows = _raw(self.db, contact_query) if contacts else RawRows([], [])
        window_rows = _raw(self.db, window_query)
        methods, windows = _by_owner(method_rows), _by_owner(window_rows)
        occasions = meeting_rows.occasions_by_owner(self.db, in_ids)
        known = self._memo.get(memo, {})
        kept: dict[object, tuple[tuple[object, ...], Supporter]] = {}
        assembled = []
        for values in rows.values:
            sid = values[id_at]
            own = (values, methods.get(sid, ()), windows.get(sid, ()),
                   occasions.get(sid, meeting_rows.NONE))
            seen = known.get(sid)
            if seen is not None and seen[0] == own:  # the same values: the same Supporter
                supporter = seen[1]
            else:
                supporter = convert.supporter_from_row(
                    rows.row(values, HEAD_BLANKS), method_rows.rows(own[1]),
                    window_rows.rows(own[2]))
                supporter.meetings, supporter.dates = meeting_rows.parse(own[3])
            kept[sid] = (own, supporter)
            assembled.append(supporter)
        if memo:
            self._memo[memo] = kept
        return assembled

    def add_supporter(self, supporter: Supporter, now: datetime | None = None) -> Supporter:
        with self.db.atomic():
            row_id = self._insert_row(supporter, now)
            self._write_children(supporter, row_id)
        return self.supporter(row_id)

    def add_supporters(self, supporters: list[Supporter], now: datetime | None = None
                       ) -> list[int]:
        """Insert many in one transaction (imports); their ids in order, without re-reading."""
        ids: list[int] = []
        contacts: list[dict[str, object]] = []
        windows: list[dict[str, object]] = []
        dates: list[dict[str, object]] = []
        meetings: list[dict[str, object]] = []
        with self.db.atomic():
            for supporter in supporters:
                row_id = self._insert_row(supporter, now)
                ids.append(row_id)
                contacts += convert.contact_rows(supporter, row_id)
                windows += convert.availability_rows(supporter, row_id)
                dates += meeting_rows.date_rows(supporter.dates, row_id)
                meetings += meeting_rows.meeting_rows(supporter.meetings, row_id)
            _insert_many(self.db, ContactMethodRow, contacts)
            _insert_many(self.db, AvailabilityRow, windows)
            _insert_many(self.db, ImportantDateRow, dates)
            _insert_many(self.db, MeetingRow, meetings)
        return ids

    def _insert_row(self, supporter: Supporter, now: datetime | None) -> int:
        """The supporter's own row (not its contact methods or windows); its id."""
        created = supporter.created or now or datetime.now(UTC)
        fields = convert.supporter_fields(supporter)
        fields["created"] = convert.to_db_time(created)
        if supporter.id is not None:
            fields["id"] = supporter.id
        return _insert(self.db, SupporterRow, fields)

    def update_supporter(self, supporter: Supporter) -> Supporter:
        if supporter.id is None:
            raise ValueError("update_supporter needs a saved supporter")
        with self.db.atomic():
            changed = (
                SupporterRow.update(**convert.supporter_fields(supporter))
                .where(SupporterRow.id == supporter.id)
                .execute()
            )
            if not changed:
                raise NotFoundError("That person is no longer in your network.")
            ContactMethodRow.delete().where(ContactMethodRow.supporter == supporter.id).execute()
            AvailabilityRow.delete().where(AvailabilityRow.supporter == supporter.id).execute()
            MeetingRow.delete().where(MeetingRow.supporter == supporter.id).execute()
            ImportantDateRow.delete().where(ImportantDateRow.supporter == supporter.id).execute()
            self._write_children(supporter, supporter.id)
        return self.supporter(supporter.id)

    def _write_children(self, supporter: Supporter, supporter_id: int) -> None:
        _insert_many(self.db, ContactMethodRow, convert.contact_rows(supporter, supporter_id))
        _insert_many(self.db, AvailabilityRow,
                     convert.availability_rows(supporter, supporter_id))
        _insert_many(self.db, MeetingRow, meeting_rows.meeting_rows(supporter.meetings,
                                                                    supporter_id))
        _insert_many(self.db, ImportantDateRow, meeting_rows.date_rows(supporter.dates,
                                                                       supporter_id))

    def delete_supporter(self, supporter_id: int) -> SupporterSnapshot:
        with self.db.atomic():
            snapshot = SupporterSnapshot(
                supporter=self.supporter(supporter_id),
                checkins=self.checkins(supporter_id=supporter_id),
                gratitude_ids=[
                    g.id for g in GratitudeRow.select(GratitudeRow.id)
                    .where(GratitudeRow.supporter == supporter_id)
                ],
                plan_item_ids=[
                    p.id for p in PlanItemRow.select(PlanItemRow.id)
                    .where(PlanItemRow.supporter == supporter_id)
                ],
                appointments=appointments_repo.appointments(supporter_id),
                asks=appointments_repo.asks(supporter_id),
            )
            SupporterRow.delete().where(SupporterRow.id == supporter_id).execute()
        return snapshot

    def restore_supporter(self, snapshot: SupporterSnapshot) -> Supporter:
        with self.db.atomic():
            restored = self.add_supporter(snapshot.supporter)
            for checkin in snapshot.checkins:
                CheckInRow.insert(id=checkin.id, **convert.checkin_fields(checkin)).execute()
            if snapshot.gratitude_ids:
                GratitudeRow.update(supporter=restored.id).where(
                    GratitudeRow.id.in_(snapshot.gratitude_ids)
                ).execute()
            if snapshot.plan_item_ids:
                PlanItemRow.update(supporter=restored.id).where(
                    PlanItemRow.id.in_(snapshot.plan_item_ids)
                ).execute()
            assert restored.id is not None
            appointments_repo.restore_for(restored.id, snapshot.appointments, snapshot.asks)
            self._refresh_last_contact(restored.id)
        return self.supporter(restored.id)

    def delete_supporters(self, supporter_ids: Sequence[int]) -> None:
        """Remove many at once (undoing an import), with all they own; no snapshot."""
        with self.db.atomic():
            for chunk in _chunks(supporter_ids):
                SupporterRow.delete().where(SupporterRow.id.in_(chunk)).execute()

    # -- check-ins --------------------------------------------------------

    def checkins(
        self,
        supporter_id: int | None = None,
        since: datetime | None = None,
        limit: int | None = None,
    ) -> list[CheckIn]:
        query = CheckInRow.select().order_by(CheckInRow.at.desc(), CheckInRow.id.desc())
        if supporter_id is not None:
            query = query.where(CheckInRow.supporter == supporter_id)
        if since is not None:
            query = query.where(CheckInRow.at >= convert.to_db_time(since))
        if limit is not None:
            query = query.limit(limit)
        return [convert.checkin_from_row(r) for r in query]

    def checkins_page(self, *, supporter_id: int | None = None, mode: str | None = None,
                      words: Sequence[str] = (), after: CheckIn | None = None,
                      limit: int = 200) -> list[CheckIn]:
        """Newest first, ``limit`` at a time: the ones after ``after`` (the last one shown)
        with this person, made this way, whose note or person's name holds every word."""
        query = (CheckInRow.select(CheckInRow)
                 .order_by(CheckInRow.at.desc(), CheckInRow.id.desc()).limit(limit))
        if supporter_id is not None:
            query = query.where(CheckInRow.supporter == supporter_id)
        if mode is not None:
            query = query.where(CheckInRow.mode == mode)
        if words:
            for word in words:
                folded = word.casefold()
                named = SupporterRow.select(SupporterRow.id).where(
                    _contains(SupporterRow.name, folded))
                query = query.where(_contains(CheckInRow.note, folded)
                                    | CheckInRow.supporter.in_(named))
            # "+at": read the table straight through and sort what matched (0.1 s for
            # 200,000 check-ins), rather than walk the (at, id) index and fetch every
            # row it names out of order (1.7 s when the words are rare).
            query = query.order_by(pw.NodeList((pw.SQL("+"), CheckInRow.at), glue="").desc(),
                                   CheckInRow.id.desc())
        if after is not None and after.id is not None:
            at = convert.to_db_time(after.at)
            query = query.where((CheckInRow.at < at)
                                | ((CheckInRow.at == at) & (CheckInRow.id < after.id)))
        rows = _raw(self.db, query)
        return [convert.checkin_from_row(rows.row(values)) for values in rows.values]

    def checkin(self, checkin_id: int) -> CheckIn:
        row = CheckInRow.get_or_none(CheckInRow.id == checkin_id)
        if row is None:
            raise NotFoundError("That check-in is no longer there.")
        return convert.checkin_from_row(row)

    def add_checkin(self, checkin: CheckIn) -> CheckIn:
        with self.db.atomic():
            fields = convert.checkin_fields(checkin)
            if checkin.id is not None:
                fields["id"] = checkin.id
            row_id = CheckInRow.insert(**fields).execute()
            self._refresh_last_contact(checkin.supporter_id)
        return replace(checkin, id=row_id)

    def update_checkin(self, checkin: CheckIn) -> CheckIn:
        with self.db.atomic():
            old = self.checkin(checkin.id or 0)
            CheckInRow.update(**convert.checkin_fields(checkin)).where(
                CheckInRow.id == checkin.id
            ).execute()
            self._refresh_last_contact(checkin.supporter_id)
            if old.supporter_id != checkin.supporter_id:
                self._refresh_last_contact(old.supporter_id)
        return checkin

    def delete_checkin(self, checkin_id: int) -> CheckIn:
        with self.db.atomic():
            old = self.checkin(checkin_id)
            CheckInRow.delete().where(CheckInRow.id == checkin_id).execute()
            self._refresh_last_contact(old.supporter_id)
        return old

    def add_checkins(self, checkins: Sequence[CheckIn], *, ids: bool = True) -> list[int]:
        """Insert many in one transaction (imports): their ids in order, or with
        ``ids=False`` none, in one statement (twice as quick: for check-ins of people
        just added, which go when they go). Each supporter's last contact is brought up
        to date once, not once per check-in."""
        with self.db.atomic():
            rows = [convert.checkin_fields(c) for c in checkins]
            if ids:
                found = [_insert(self.db, CheckInRow, row) for row in rows]
            else:
                _insert_many(self.db, CheckInRow, rows)
                found = []
            self._refresh_last_contacts({c.supporter_id for c in checkins})
        return found

    def delete_checkins(self, checkin_ids: Sequence[int]) -> None:
        """Remove many at once (undoing an import)."""
        with self.db.atomic():
            owners: set[int] = set()
            for chunk in _chunks(checkin_ids):
                owners |= {row.supporter_id for row in CheckInRow.select(CheckInRow.supporter)
                           .where(CheckInRow.id.in_(chunk)).distinct()}
                CheckInRow.delete().where(CheckInRow.id.in_(chunk)).execute()
            self._refresh_last_contacts(owners)

    def _refresh_last_contacts(self, supporter_ids: set[int]) -> None:
        for chunk in _chunks(sorted(supporter_ids)):
            latest = (CheckInRow.select(pw.fn.MAX(CheckInRow.at))
                      .where(CheckInRow.supporter == SupporterRow.id))
            SupporterRow.update(last_contact=latest).where(SupporterRow.id.in_(chunk)).execute()

    def _refresh_last_contact(self, supporter_id: int) -> None:
        latest = (
            CheckInRow.select(pw.fn.MAX(CheckInRow.at))
            .where(CheckInRow.supporter == supporter_id)
            .scalar()
        )
        SupporterRow.update(last_contact=latest).where(SupporterRow.id == supporter_id).execute()

    # -- gratitude --------------------------------------------------------

    def gratitude(self, supporter_id: int | None = None) -> list[Gratitude]:
        """Newest first; all of it is read again only after gratitude changed."""
        if supporter_id is not None:
            return self._gratitude(supporter_id)
        mark = self.change_marks()["gratitude"]
        if self._all_gratitude is not None and self._all_gratitude[0] == mark:
            return list(self._all_gratitude[1])
        entries = self._gratitude(None)
        self._all_gratitude = (mark, entries)
        return list(entries)

    def _gratitude(self, supporter_id: int | None) -> list[Gratitude]:
        query = GratitudeRow.select().order_by(GratitudeRow.on.desc(), GratitudeRow.id.desc())
        if supporter_id is not None:
            query = query.where(GratitudeRow.supporter == supporter_id)
        rows = _raw(self.db, query)  # 20,000 entries after ten years: no model instances
        at = {name: index for index, name in enumerate(rows.names)}
        entry_id, supporter, on, text, thanked = (
            at["id"], at["supporter_id"], at["on"], at["text"], at["thanked"])
        return [Gratitude(id=v[entry_id], supporter_id=v[supporter],  # type: ignore[arg-type]
                          on=_as_date(v[on]), text=v[text], thanked=bool(v[thanked]))  # type: ignore[arg-type]
                for v in rows.values]

    def save_gratitude(self, entry: Gratitude) -> Gratitude:
        fields = {"supporter": entry.supporter_id, "on": entry.on, "text": entry.text,
                  "thanked": entry.thanked}
        if entry.id is None:
            return replace(entry, id=GratitudeRow.insert(**fields).execute())
        exists = GratitudeRow.get_or_none(GratitudeRow.id == entry.id)
        if exists is None:
            GratitudeRow.insert(id=entry.id, **fields).execute()
        else:
            GratitudeRow.update(**fields).where(GratitudeRow.id == entry.id).execute()
        return entry

    def add_gratitude_entries(self, entries: Sequence[Gratitude]) -> list[int]:
        """Insert many in one transaction (imports); their ids in order."""
        with self.db.atomic():
            return [_insert(self.db, GratitudeRow, {
                "supporter": e.supporter_id, "on": e.on, "text": e.text, "thanked": e.thanked})
                for e in entries]

    def delete_gratitude_entries(self, entry_ids: Sequence[int]) -> None:
        with self.db.atomic():
            for chunk in _chunks(entry_ids):
                GratitudeRow.delete().where(GratitudeRow.id.in_(chunk)).execute()

    def delete_gratitude(self, entry_id: int) -> Gratitude:
        matches = [g for g in self.gratitude() if g.id == entry_id]
        if not matches:
            raise NotFoundError("That gratitude entry is no longer there.")
        GratitudeRow.delete().where(GratitudeRow.id == entry_id).execute()
        return matches[0]

    # -- mood entries (a mood noted on its own) ---------------------------

    def mood_entries(self, limit: int | None = None) -> list[MoodEntry]:
        """Newest first; all of them, or the latest ``limit``."""
        query = MoodEntryRow.select().order_by(MoodEntryRow.at.desc(), MoodEntryRow.id.desc())
        if limit is not None:
            query = query.limit(limit)
        return [convert.mood_entry_from_row(row) for row in query]

    def mood_entry(self, entry_id: int) -> MoodEntry:
        row = MoodEntryRow.get_or_none(MoodEntryRow.id == entry_id)
        if row is None:
            raise NotFoundError("That mood entry is no longer there.")
        return convert.mood_entry_from_row(row)

    def save_mood_entry(self, entry: MoodEntry) -> MoodEntry:
        """Insert (``id`` None), put back with the id it had (undo), or update."""
        fields = convert.mood_entry_fields(entry)
        if entry.id is None:
            return replace(entry, id=MoodEntryRow.insert(**fields).execute())
        if MoodEntryRow.get_or_none(MoodEntryRow.id == entry.id) is None:
            MoodEntryRow.insert(id=entry.id, **fields).execute()
        else:
            MoodEntryRow.update(**fields).where(MoodEntryRow.id == entry.id).execute()
        return entry

    def add_mood_entries(self, entries: Sequence[MoodEntry]) -> list[int]:
        """Insert many, already checked, in one transaction (imports): their ids, in order."""
        with self.db.atomic():
            return [_insert(self.db, MoodEntryRow, convert.mood_entry_fields(entry))
                    for entry in entries]

    def delete_mood_entry(self, entry_id: int) -> MoodEntry:
        old = self.mood_entry(entry_id)
        MoodEntryRow.delete().where(MoodEntryRow.id == entry_id).execute()
        return old

    # -- safety plan ------------------------------------------------------

    def plan_items(self) -> list[PlanItem]:
        query = PlanItemRow.select().order_by(PlanItemRow.step, PlanItemRow.position)
        return [
            PlanItem(id=r.id, step=PlanStep(r.step), text=r.text, supporter_id=r.supporter_id,
                     position=r.position)
            for r in query
        ]

    def replace_plan(self, items: list[PlanItem]) -> list[PlanItem]:
        with self.db.atomic():
            PlanItemRow.delete().execute()
            for position, item in enumerate(items):
                PlanItemRow.insert(step=item.step.value, text=item.text,
                                   supporter=item.supporter_id, position=position).execute()
        return self.plan_items()

    # -- message templates ------------------------------------------------

    def message_templates(self) -> list[MessageTemplate]:
        query = MessageTemplateRow.select().order_by(MessageTemplateRow.position,
                                                     MessageTemplateRow.id)
        return [MessageTemplate(id=r.id, text=r.text, subject=r.subject,
                                hard_time=bool(r.hard_time)) for r in query]

    def replace_message_templates(self, templates: Sequence[MessageTemplate]
                                  ) -> list[MessageTemplate]:
        """The whole list, in this order (each keeps its id where it has one)."""
        with self.db.atomic():
            MessageTemplateRow.delete().execute()
            for position, template in enumerate(templates):
                fields: dict[str, object] = {
                    "position": position, "text": template.text,
                    "subject": template.subject, "hard_time": template.hard_time}
                if template.id is not None:
                    fields["id"] = template.id
                MessageTemplateRow.insert(**fields).execute()
        return self.message_templates()

    # -- crisis lines -----------------------------------------------------

    def crisis_lines(self, country: str | None = None) -> list[CrisisLine]:
        query = CrisisLineRow.select().order_by(CrisisLineRow.country, CrisisLineRow.id)
        if country is not None:
            query = query.where(CrisisLineRow.country == country.upper())
        return [
            CrisisLine(id=r.id, country=r.country, name=r.name, contact=r.contact,
                       channel=Channel(r.channel), hours=r.hours, source=r.source,
                       verified=_as_date(r.verified) if r.verified else None,
                       user_added=bool(r.user_added), notes=r.notes)
            for r in query
        ]

    def save_crisis_line(self, line: CrisisLine) -> CrisisLine:
        fields = {"country": line.country.upper(), "name": line.name, "contact": line.contact,
                  "channel": line.channel.value, "hours": line.hours, "source": line.source,
                  "verified": line.verified, "user_added": line.user_added, "notes": line.notes}
        if line.id is None:
            return replace(line, id=CrisisLineRow.insert(**fields).execute())
        CrisisLineRow.update(**fields).where(CrisisLineRow.id == line.id).execute()
        return line

    def delete_crisis_line(self, line_id: int) -> None:
        CrisisLineRow.delete().where(CrisisLineRow.id == line_id).execute()

    # -- settings and the notification record -----------------------------

    def setting(self, key: str, default: str = "") -> str:
        # plain SQL: a page reads several settings each refresh, and building the query
        # through peewee cost ten times the lookup itself
        row = run_sql(self.db, "SELECT value FROM setting WHERE key = ?", [key]).fetchone()
        return default if row is None else str(row[0])

    def settings_named(self, keys: Sequence[str]) -> dict[str, str]:
        rows = SettingRow.select().where(SettingRow.key.in_(list(keys)))
        return {str(row.key): str(row.value) for row in rows}

    def set_setting(self, key: str, value: str) -> None:
        SettingRow.insert(key=key, value=value).on_conflict_replace().execute()

    def log_notification(self, at: datetime, channel: str, ok: bool, count: int,
                         detail: str = "") -> None:
        NotificationLogRow.insert(at=convert.to_db_time(at), channel=channel, ok=ok,
                                  count=count, detail=detail).execute()

    def counts(self) -> dict[str, int]:
        return {
            "supporters": SupporterRow.select().count(),
            "checkins": CheckInRow.select().count(),
            "gratitude": GratitudeRow.select().count(),
            "plan_items": PlanItemRow.select().count(),
        }


HEAD_COLUMNS = ("id", "name", "kind", "role", "ring", "tie", "stressful", "direction",
                "timezone", "cadence_days", "paused", "snoozed_until", "created",
                "last_contact", "help_with")
HEAD_BLANKS = {name: "" for name in (
    "meeting_schedule", "meeting_place", "boundaries_mine", "boundaries_theirs",
    "help_warning_signs", "help_what_helps", "help_what_does_not", "help_in_a_crisis",
    "notes")}


@dataclass(frozen=True)
class RawRows:
    """A query's rows as plain values straight from SQLite, with its column names."""

    names: list[str]
    values: list[tuple[object, ...]]

    def row(self, values: tuple[object, ...], blanks: Mapping[str, object] | None = None
            ) -> SimpleNamespace:
        """One row by column name; ``blanks`` fill the columns the query left out."""
        return SimpleNamespace(**{**(blanks or {}), **dict(zip(self.names, values, strict=True))})

    def rows(self, values: Sequence[tuple[object, ...]]) -> list[SimpleNamespace]:
        return [self.row(v) for v in values]


@cache
def _insert_sql(model: type[pw.Model], columns: tuple[str, ...]) -> str:
    table = model._meta.table_name
    names = ", ".join(f'"{model._meta.fields[c].column_name}"' for c in columns)
    return f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'


def _insert(db: pw.Database, model: type[pw.Model], fields: Mapping[str, object]) -> int:
    """One row's INSERT, its statement built once per set of columns: peewee builds a
    query afresh each time, which took longer than SQLite's own work for an import of
    thousands. Values go through each field's own ``db_value``, as peewee's do."""
    columns = tuple(fields)
    meta_fields = model._meta.fields
    values = [meta_fields[c].db_value(fields[c]) for c in columns]
    row_id: int = run_sql(db, _insert_sql(model, columns), values).lastrowid
    return row_id


def _insert_many(db: pw.Database, model: type[pw.Model],
                 rows: Sequence[Mapping[str, object]]) -> None:
    """``_insert`` for many rows with the same columns, in one ``executemany``."""
    if not rows:
        return
    columns = tuple(rows[0])
    meta_fields = [model._meta.fields[c] for c in columns]
    values = [[f.db_value(row[c]) for f, c in zip(meta_fields, columns, strict=True)]
              for row in rows]
    run_many(db, _insert_sql(model, columns), values)


def _chunks(ids: Sequence[int], size: int = 900) -> list[Sequence[int]]:
    """``ids`` in pieces SQLite's variable limit takes."""
    return [ids[start:start + size] for start in range(0, len(ids), size)]


def _contains(column: pw.Field, folded: str) -> pw.Expression:
    """``folded`` (casefolded) is in the column, ignoring case. Plain ASCII text (as many
    bytes as characters) is folded by SQLite's own lower(), in C; anything else by
    Python's casefold, as ``sd_casefold`` (store/database.py): "Zoë", "Straße"."""
    ascii_only = pw.fn.length(pw.Cast(column, "BLOB")) == pw.fn.length(column)
    found = pw.Case(None, [(ascii_only, pw.fn.instr(pw.fn.lower(column), folded))],
                    pw.fn.instr(pw.fn.sd_casefold(column), folded))
    return found > 0


def _by_owner(rows: RawRows) -> dict[object, tuple[tuple[object, ...], ...]]:
    """Child rows (contact methods, windows) grouped by their supporter's id."""
    if not rows.values:
        return {}
    owner_at = rows.names.index("supporter_id")
    grouped: dict[object, list[tuple[object, ...]]] = {}
    for values in rows.values:
        grouped.setdefault(values[owner_at], []).append(values)
    return {owner: tuple(found) for owner, found in grouped.items()}


def _raw(db: pw.Database, query: pw.Select) -> RawRows:
    """The rows of ``query`` without peewee's per-value conversion or model instances,
    which cost more than the query itself at a few thousand rows; ``convert`` parses
    what it needs (times with fromisoformat)."""
    sql, params = query.sql()
    cursor = run_sql(db, sql, params)
    return RawRows([column[0] for column in cursor.description],
                   [tuple(row) for row in cursor.fetchall()])


def _as_date(value: date | str) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value
