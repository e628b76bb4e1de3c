"""How the profiles differ: what a learner of one sees that a learner of another does not, the
settings that differ, and what each profile sends where (the privacy summary)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aicourse_build.formats import FORMATS, free_text_limit
from aicourse_build.free_text import free_text_fields
from aicourse_build.model.blocks import GroupBlock
from aicourse_build.model.course import Contact
from aicourse_build.resolve import ResolvedCourse
from aicourse_build.review.views import BlockView, ModuleView, PageView, Scope


@dataclass(frozen=True)
class DiffItem:
    kind: str  # modul | sida | block
    where: str
    text: str


@dataclass(frozen=True)
class SettingDiff:
    name: str
    values: dict[str, str]  # profile -> value


@dataclass(frozen=True)
class ProfileDiff:
    shown: str  # the profile whose learner sees the items
    other: str  # the profile whose learner does not
    items: list[DiffItem]


@dataclass(frozen=True)
class PrivacyRow:
    name: str
    values: dict[str, str]


def profile_diffs(profiles: list[str], modules: list[ModuleView]) -> list[ProfileDiff]:
    """For each pair of profiles, the modules, pages and blocks only the first one shows."""
    diffs: list[ProfileDiff] = []
    for shown in profiles:
        for other in profiles:
            if shown == other:
                continue
            items: list[DiffItem] = []
            for module in modules:
                if shown in module.presence.kept and other not in module.presence.kept:
                    items.append(DiffItem("modul", module.title, f"hela modulen “{module.title}”"))
                    continue
                for page in module.pages:
                    if shown not in page.presence.kept:
                        continue
                    if other not in page.presence.kept:
                        if other in module.presence.kept:
                            items.append(DiffItem("sida", module.title, page.title))
                        continue
                    for view in page.blocks:
                        if shown in view.presence.kept and other not in view.presence.kept:
                            items.append(DiffItem("block", page.title, view.summary))
            diffs.append(ProfileDiff(shown, other, items))
    return diffs


def content_diffs(pages: list[PageView]) -> list[tuple[PageView, BlockView]]:
    """The blocks that read differently in different profiles."""
    return [(page, view) for page in pages for view in page.blocks if view.differs]


def _flatten(values: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in values.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[prefix + key] = str(value).lower() if isinstance(value, bool) else str(value)
    return flat


def _contact_text(contact: Contact | None) -> str:
    if contact is None:
        return "–"
    reach = ", ".join(x for x in (contact.email, contact.url, contact.phone) if x)
    return f"{contact.role}: {contact.name}" + (f" ({reach})" if reach else "")


def settings(scope: Scope) -> list[SettingDiff]:
    """The profile settings (platform, theme, variables, contacts, ...) that differ."""
    rows: list[SettingDiff] = []
    models = {name: scope.resolved[name].profile.model for name in scope.profiles}

    def add(name: str, values: dict[str, str]) -> None:
        if len(set(values.values())) > 1:
            rows.append(SettingDiff(name, values))

    add("Plattform", {p: m.title for p, m in models.items()})
    add("Tema", {p: m.theme for p, m in models.items()})
    add("Format", {p: ", ".join(FORMATS[f].title for f in m.formats) for p, m in models.items()})
    add("Språk", {p: ", ".join(m.languages) for p, m in models.items()})
    add("Egenskaper (tags)", {p: ", ".join(m.tags) or "–" for p, m in models.items()})
    variables = {p: _flatten(m.variables) for p, m in models.items()}
    for key in sorted({k for v in variables.values() for k in v}):
        add(f"Variabel {key}", {p: variables[p].get(key, "–") for p in scope.profiles})
    contacts = {p: scope.resolved[p].contacts for p in scope.profiles}
    for key in sorted({k for c in contacts.values() for k in c}):
        add(f"Kontakt {key}", {p: _contact_text(contacts[p].get(key)) for p in scope.profiles})
    add(
        "Enkät",
        {
            p: "inbyggd" if m.survey.mode == "builtin" else f"extern: {m.survey.url}"
            for p, m in models.items()
        },
    )
    add(
        "Interna länkar",
        {p: "tillåtna" if m.links.allow_internal else "rapporteras" for p, m in models.items()},
    )
    return rows


def privacy(scope: Scope) -> list[PrivacyRow]:
    """What each profile sends, to whom, and what stays in the learner's browser."""
    models = {name: scope.resolved[name].profile.model for name in scope.profiles}

    def collecting(profile: str, kind: type[Any]) -> list[str]:
        return [
            getattr(rb.block, "id", "")
            for page in scope.resolved[profile].pages
            for rb in page.blocks
            if isinstance(rb.block, kind)
        ]

    def receiver(formats: list[str]) -> str:
        parts = []
        if any(FORMATS[f].family == "scorm" for f in formats):
            parts.append("lärplattformen (LMS) via SCORM")
        if any(FORMATS[f].family == "xapi" for f in formats):
            parts.append("en LRS via xAPI-uttalanden")
        return " och ".join(parts)

    return [
        PrivacyRow("Plattform", {p: m.title for p, m in models.items()}),
        PrivacyRow(
            "Format och mottagare",
            {
                p: ", ".join(FORMATS[f].title for f in m.formats) + f": data går till "
                f"{receiver(list(m.formats))}"
                for p, m in models.items()
            },
        ),
        PrivacyRow(
            "Skickas alltid",
            dict.fromkeys(
                models,
                "visade sidor, framsteg och var deltagaren slutade, svar och resultat på "
                "kunskapstesten, om kursen är genomförd och godkänd",
            ),
        ),
        PrivacyRow(
            "Identitet",
            {
                p: "deltagarens identitet så som lärplattformen anger den vid start; kursen lägger "
                "inte till namn eller e-post"
                if m.privacy.identity == "launch"
                else "anonym: plattformen startar kursen med ett konto som inte pekar ut "
                "personen; kursen lägger inte till namn eller e-post"
                for p, m in models.items()
            },
        ),
        PrivacyRow(
            "Fritextsvar (reflektioner, enkätkommentarer)",
            {p: _free_text(scope.resolved[p]) for p in models},
        ),
        PrivacyRow(
            "Yrkesgrupp (frivillig självrapport)",
            {
                p: (_sent_or_kept(m.privacy.group)) + _ids(collecting(p, GroupBlock), "frågor")
                for p, m in models.items()
            },
        ),
        PrivacyRow(
            "Kursenkät",
            {
                p: "inbyggd: svaren skickas till lärplattformen med övriga kursdata"
                if m.survey.mode == "builtin"
                else f"extern: en länk till {m.survey.url}; svaren lämnas i det externa "
                "formuläret, inte i kursen"
                for p, m in models.items()
            },
        ),
    ]


def _ids(ids: list[str], what: str) -> str:
    return f" ({what}: {', '.join(ids)})" if ids else f" (inga {what} i profilen)"


def _free_text(resolved: ResolvedCourse) -> str:
    """Where the variant's free text goes, how much of each answer, and the note on each field:
    the steering group reads here what `check` says (free_text.py), in words."""
    model = resolved.profile.model
    text = _sent_or_kept(model.privacy.free_text)
    limits = sorted({free_text_limit(f, model.privacy.free_text) for f in model.formats})
    text += "; varje fält tar högst " + " eller ".join(f"{n} tecken" for n in limits)
    if len(limits) > 1:
        text += (
            " ("
            + ", ".join(
                f"{FORMATS[f].title}: {free_text_limit(f, model.privacy.free_text)}"
                for f in model.formats
            )
            + ")"
        )
    text += ", visar hur många som återstår och klipper aldrig av ett svar"
    text += _ids(free_text_fields(resolved), "fält")
    if model.free_text_note is not None:
        text += f"; vid varje fält står: ”{model.free_text_note}”"
    return text


def _sent_or_kept(setting: str) -> str:
    """A privacy setting (send | keep_local) as the review says it."""
    if setting == "send":
        return "skickas till lärplattformen"
    return "stannar i deltagarens webbläsare och skickas aldrig"
