"""Loading the shipped lines into the vault, the user's own lines, and the chosen country."""

from __future__ import annotations

from dataclasses import replace

import pytest

from supportdesk.core.errors import NotFoundError, ValidationError
from supportdesk.core.kinds import Channel
from supportdesk.core.model import CrisisLine
from supportdesk.services.crisis_lines import CrisisLinesService, shipped_directory
from supportdesk.services.session import Session


def own_line(**kw: object) -> CrisisLine:
    fields: dict[str, object] = {"country": "gb", "name": " Night Owls peer line ",
                                 "contact": "0800 111 222", "channel": Channel.CALL,
                                 "hours": "8pm to 2am", "source": ""}
    fields.update(kw)
    return CrisisLine(**fields)  # type: ignore[arg-type]


def test_shipped_lines_are_loaded_once_on_first_use(session: Session) -> None:
    service = CrisisLinesService(session.repo)
    names = [line.name for line in service.lines("GB")]
    assert "Samaritans" in names and "Shout" in names
    assert service.ensure_loaded() is False  # already there
    assert len(session.repo.crisis_lines()) == sum(
        len(c.lines) for c in shipped_directory().countries.values())


def test_a_newer_file_replaces_shipped_lines_and_keeps_the_users_own(session: Session) -> None:
    service = CrisisLinesService(session.repo)
    service.ensure_loaded()
    mine = service.add_line(own_line())
    gb = shipped_directory().countries["GB"]
    changed = replace(gb, lines=(replace(gb.lines[0], contact="116 999"),))
    newer = replace(shipped_directory(), version=shipped_directory().version + 1,
                    countries={"GB": changed})
    upgraded = CrisisLinesService(session.repo, newer)
    assert upgraded.ensure_loaded() is True
    lines = upgraded.lines("GB")
    assert [(line.name, line.contact) for line in lines] == [
        ("Night Owls peer line", "0800 111 222"), ("Samaritans", "116 999")]
    assert lines[0].id == mine.id and lines[0].user_added


def test_users_own_lines_come_first_and_are_cleaned(session: Session) -> None:
    service = CrisisLinesService(session.repo)
    saved = service.add_line(own_line())
    assert (saved.country, saved.name, saved.user_added) == ("GB", "Night Owls peer line", True)
    assert service.lines("GB")[0].name == "Night Owls peer line"


@pytest.mark.parametrize(
    ("entry", "field"),
    [(own_line(contact="ring me"), "contact"), (own_line(country="XX"), "country"),
     (own_line(name=""), "name"), (own_line(channel=Channel.CHAT), "contact")],
)
def test_a_bad_own_line_is_refused_with_the_field(session: Session, entry: CrisisLine,
                                                  field: str) -> None:
    service = CrisisLinesService(session.repo)
    with pytest.raises(ValidationError) as raised:
        service.add_line(entry)
    assert raised.value.field == field
    assert all(not line.user_added for line in service.lines("GB"))


def test_only_own_lines_can_be_removed_and_restored(session: Session) -> None:
    service = CrisisLinesService(session.repo)
    shipped = service.lines("GB")[0]
    assert shipped.id is not None
    with pytest.raises(NotFoundError):
        service.remove_line(shipped.id)
    mine = service.add_line(own_line())
    assert mine.id is not None
    removed = service.remove_line(mine.id)
    assert "Night Owls peer line" not in [line.name for line in service.lines("GB")]
    service.restore_line(removed)
    assert "Night Owls peer line" in [line.name for line in service.lines("GB")]


def test_country_follows_the_locale_until_chosen(session: Session) -> None:
    service = CrisisLinesService(session.repo)
    assert service.country("ie") == "IE"
    service.set_country("nz")
    assert service.country("IE") == "NZ"
    service.set_country("")
    assert service.country("AU") == "AU"
    assert service.country("C") == "" and service.country("") == ""  # no country in the locale


def test_countries_include_shipped_and_own_and_emergency_numbers(session: Session) -> None:
    service = CrisisLinesService(session.repo)
    service.add_line(own_line(country="PT", contact="808 200 204"))
    codes = dict(service.countries())
    assert codes["GB"] == "United Kingdom" and codes["PT"] == "PT"
    assert service.emergency_number("au") == "000"
    assert service.emergency_number("PT") == ""
    assert all(line.verified is None for c in shipped_directory().countries.values()
               for line in c.lines)  # nothing shipped claims a check it did not have


def test_a_shipped_line_brings_its_evidence_and_an_own_line_none(session: Session) -> None:
    service = CrisisLinesService(session.repo)
    samaritans = next(line for line in service.lines("IE") if line.name == "Samaritans Ireland")
    found = service.evidence(samaritans)
    assert found is not None and found.number.confirmed
    assert "116 123" in found.number.quote and found.number.copy_seen == "2016-04-12"
    assert service.evidence(service.add_line(own_line())) is None


def test_people_are_shown_while_locked_only_when_chosen(session: Session) -> None:
    from supportdesk.core.kinds import Kind
    from supportdesk.core.model import Supporter
    from supportdesk.services.crisis_lines import crisis_now

    ana = session.repo.add_supporter(Supporter("Ana", Kind.PARTNER))
    ben = session.repo.add_supporter(Supporter("Ben", Kind.FRIEND))
    service = CrisisLinesService(session.repo)
    service.set_country("GB")
    assert crisis_now("", session.repo).people == []  # off by default
    assert ana.id is not None and ben.id is not None
    service.set_shown_when_locked(ben.id, True)
    now = crisis_now("", session.repo)
    assert [p.name for p in now.people] == ["Ben"]
    assert now.emergency == "999" and now.main is not None and now.main.name == "Samaritans"
    service.set_shown_when_locked(ben.id, False)
    assert crisis_now("", session.repo).people == []


def test_without_a_vault_the_locale_country_is_shown() -> None:
    from supportdesk.services.crisis_lines import crisis_now

    now = crisis_now("nz", None)
    assert now.emergency == "111" and "Lifeline Aotearoa" in [line.name for line in now.lines]
    unknown = crisis_now("PT", None)
    assert unknown.lines == [] and unknown.emergency == "" and unknown.main is None
    assert unknown.helplines_url == "https://findahelpline.com"


def test_an_own_service_is_the_same_as_a_directory_line_by_number_or_name() -> None:
    from supportdesk.core.kinds import ContactType, Kind
    from supportdesk.core.model import ContactMethod, Supporter
    from supportdesk.services.crisis_lines import same_service

    samaritans = next(line for line in shipped_directory().countries["GB"].lines
                      if line.name == "Samaritans")
    mine = Supporter("My listening line", Kind.CRISIS,
                     contacts=[ContactMethod(ContactType.PHONE, "116123")])
    assert same_service(samaritans, mine)
    assert same_service(samaritans, Supporter("samaritans ", Kind.CRISIS))
    assert not same_service(samaritans, Supporter("Samaritans", Kind.FRIEND))
    assert not same_service(samaritans, Supporter("Night line", Kind.CRISIS, contacts=[
        ContactMethod(ContactType.PHONE, "0800 111 222")]))


def test_an_own_line_with_a_shipped_number_is_listed_once(session: Session) -> None:
    from supportdesk.services.crisis_lines import crisis_now

    service = CrisisLinesService(session.repo)
    service.set_country("GB")
    service.add_line(own_line(name="My Samaritans", contact="116123"))
    service.add_line(own_line())  # a different service stays
    names = [line.name for line in crisis_now("", session.repo).lines]
    assert names.count("Samaritans") == 1 and "My Samaritans" not in names
    assert "Night Owls peer line" in names


def test_where_nothing_is_shipped_the_persons_own_line_comes_first(session: Session) -> None:
    from supportdesk.services.crisis_lines import crisis_now

    service = CrisisLinesService(session.repo)
    service.set_country("PT")
    assert crisis_now("", session.repo).main is None
    service.add_line(own_line(country="PT"))
    main = crisis_now("", session.repo).main
    assert main is not None and main.name == "Night Owls peer line" and main.user_added
