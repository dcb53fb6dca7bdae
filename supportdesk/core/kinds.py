"""The fixed vocabularies of the domain, with the plain words the app shows for them."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    PARTNER = "partner"
    FAMILY = "family"
    FRIEND = "friend"
    PROFESSIONAL = "professional"
    GROUP = "group"
    ONLINE = "online"
    CRISIS = "crisis"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def is_person(self) -> bool:
        return self in (Kind.PARTNER, Kind.FAMILY, Kind.FRIEND)


_KIND_LABELS = {
    Kind.PARTNER: "Partner",
    Kind.FAMILY: "Family",
    Kind.FRIEND: "Friend",
    Kind.PROFESSIONAL: "Professional",
    Kind.GROUP: "Support group",
    Kind.ONLINE: "Online community",
    Kind.CRISIS: "Crisis line",
}


class Role(StrEnum):
    """A professional's role; empty for everyone else."""

    NONE = ""
    GP = "gp"
    CPN = "cpn"
    PSYCHIATRIST = "psychiatrist"
    PSYCHOLOGIST = "psychologist"
    THERAPIST = "therapist"
    SOCIAL_WORKER = "social_worker"
    SUPPORT_WORKER = "support_worker"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.NONE: "",
    Role.GP: "GP",
    Role.CPN: "Community psychiatric nurse",
    Role.PSYCHIATRIST: "Psychiatrist",
    Role.PSYCHOLOGIST: "Psychologist",
    Role.THERAPIST: "Therapist / counsellor",
    Role.SOCIAL_WORKER: "Social worker",
    Role.SUPPORT_WORKER: "Support worker",
    Role.OTHER: "Other professional",
}


class Ring(StrEnum):
    """Closeness, after the convoy model: inner, middle and outer circles."""

    INNER = "inner"
    MIDDLE = "middle"
    OUTER = "outer"

    @property
    def label(self) -> str:
        return {"inner": "Inner circle", "middle": "Middle circle", "outer": "Outer circle"}[
            self.value
        ]

    @property
    def order(self) -> int:
        return {"inner": 0, "middle": 1, "outer": 2}[self.value]


class TieStrength(StrEnum):
    STRONG = "strong"
    NORMAL = "normal"
    WEAK = "weak"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Direction(StrEnum):
    """Which way support mostly flows."""

    RECEIVE = "receive"
    MUTUAL = "mutual"
    GIVE = "give"

    @property
    def label(self) -> str:
        return {"receive": "Mostly they support me", "mutual": "We support each other",
                "give": "Mostly I support them"}[self.value]


class ContactType(StrEnum):
    PHONE = "phone"
    SMS = "sms"
    EMAIL = "email"
    WEB = "web"
    ADDRESS = "address"

    @property
    def label(self) -> str:
        return {"phone": "Phone", "sms": "Text", "email": "Email", "web": "Web",
                "address": "Address"}[self.value]


class Mode(StrEnum):
    """How a check-in happened."""

    CALL = "call"
    TEXT = "text"
    IN_PERSON = "in_person"
    VIDEO = "video"
    GROUP = "group"
    ONLINE = "online"

    @property
    def label(self) -> str:
        return {"call": "Call", "text": "Text", "in_person": "In person", "video": "Video",
                "group": "Group meeting", "online": "Online"}[self.value]


class Initiator(StrEnum):
    ME = "me"
    THEM = "them"

    @property
    def label(self) -> str:
        return "I reached out" if self is Initiator.ME else "They reached out"


class SupportType(StrEnum):
    EMOTIONAL = "emotional"
    PRACTICAL = "practical"
    INFORMATION = "information"
    COMPANY = "company"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Channel(StrEnum):
    """How a crisis service is reached."""

    CALL = "call"
    TEXT = "text"
    CHAT = "chat"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class PlanStep(StrEnum):
    """The Stanley–Brown safety plan steps, in order."""

    WARNING_SIGNS = "warning_signs"
    COPING = "coping"
    DISTRACTION = "distraction"
    ASK_FOR_HELP = "ask_for_help"
    PROFESSIONALS = "professionals"
    SAFE_ENVIRONMENT = "safe_environment"
    REASONS = "reasons"

    @property
    def label(self) -> str:
        return _STEP_LABELS[self][0]

    @property
    def prompt(self) -> str:
        return _STEP_LABELS[self][1]

    @property
    def links_people(self) -> bool:
        return self in (PlanStep.DISTRACTION, PlanStep.ASK_FOR_HELP, PlanStep.PROFESSIONALS)


_STEP_LABELS = {
    PlanStep.WARNING_SIGNS: (
        "Warning signs",
        "Thoughts, feelings or situations that tell me a hard time may be starting",
    ),
    PlanStep.COPING: (
        "Things I can do on my own",
        "What helps me take my mind off things, without contacting anyone",
    ),
    PlanStep.DISTRACTION: (
        "People and places that distract me",
        "People I like to be around, and places where I feel better",
    ),
    PlanStep.ASK_FOR_HELP: (
        "People I can ask for help",
        "People I trust to talk to when things are hard",
    ),
    PlanStep.PROFESSIONALS: (
        "Professionals and services",
        "Who I can contact for professional help, day or night",
    ),
    PlanStep.SAFE_ENVIRONMENT: (
        "Making my surroundings safe",
        "Steps that keep me safer when I am struggling",
    ),
    PlanStep.REASONS: (
        "My reasons for living",
        "What matters most to me and is worth holding on for",
    ),
}
