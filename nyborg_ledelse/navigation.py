"""The main menu: what each person may use, in one place, and which section they are in.

A person's own pages are links of their own; the pages of a role or capacity (the chef group, HR,
administration) sit under one disclosure each, so the menu fits a laptop and a phone whatever
capacities one person holds. A page reachable through two menus is listed in the first only.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _


@dataclass
class Link:
    label: str
    url: str
    current: bool = False


@dataclass
class Menu:
    label: str
    links: list[Link] = field(default_factory=list)

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


def _links(*pairs: tuple[str, str]) -> list[Link]:
    return [Link(label, reverse(name)) for name, label in pairs]


def main_menu(user) -> list[Link | Menu]:
    """The person's own pages first, then one menu per role or capacity they hold."""
    entries: list[Link | Menu] = _links(
        ("home", _("Front page")), ("topicbank:list", _("Topic bank"))
    )
    if user.in_store_ledergruppe or user.is_chef_group:
        entries += _links(("groups:mine", _("My group")))
    entries += _links(
        ("meetings:mine", _("My meetings")),
        ("coaching:mine", _("My support")),
        ("development:mine", _("My development")),
    )
    if user.is_chef_group:
        entries.append(
            Menu(
                _("Chef group"),
                _links(
                    ("meetings:rounds", _("Rounds")),
                    ("groups:overview", _("Groups")),
                    ("topicbank:board", _("The chef group's board")),
                ),
            )
        )
    if user.is_hr:
        entries.append(
            Menu(
                _("HR"),
                _links(
                    ("coaching:hr", _("HR's overview")),
                    ("development:hr", _("Leader development")),
                    ("organisation:leader_list", _("Leaders register")),
                    ("organisation:register_upload", _("Import register")),
                    ("organisation:administration", _("Administration")),
                ),
            )
        )
    if user.is_administrator:
        links = _links(
            ("organisation:administration", _("Administration")),
            ("meetings:rounds", _("Rounds")),
            ("groups:overview", _("Groups")),
            ("organisation:leader_list", _("Leaders register")),
            ("organisation:register_upload", _("Import register")),
            ("organisation:capacities", _("HR and administrators")),
            ("notifications:outbox", _("Outgoing messages")),
            ("organisation:retention", _("Data retention")),
        )
        if user.is_superuser:
            # The Django admin is for superusers; administrators do their work in the product.
            links += _links(("admin:index", _("Django admin")))
        entries.append(Menu(_("Administration"), links))
    return _without_repeats(entries)


def account_menu(user) -> list[Link]:
    links = _links(
        ("organisation:profile", _("My profile")),
        ("account_change_password", _("Change password")),
    )
    if user.needs_second_factor:
        links += _links(("mfa_index", _("Two-factor authentication")))
    return links


def _without_repeats(entries: list[Link | Menu]) -> list[Link | Menu]:
    seen: set[str] = set()
    kept: list[Link | Menu] = []
    for entry in entries:
        if isinstance(entry, Menu):
            entry.links = [link for link in entry.links if link.url not in seen]
            seen.update(link.url for link in entry.links)
            if entry.links:
                kept.append(entry)
        elif entry.url not in seen:
            seen.add(entry.url)
            kept.append(entry)
    return kept


def mark_current(entries: list[Link | Menu], path: str) -> None:
    """The section the page belongs to: the link whose address is the longest start of the path
    (a meeting's page is under My meetings, HR's pool page under HR's overview)."""
    links = [link for entry in entries for link in getattr(entry, "links", [entry])]
    candidates = [
        link
        for link in links
        if path == link.url or (link.url != "/" and path.startswith(link.url))
    ]
    if candidates:
        max(candidates, key=lambda link: len(link.url)).current = True


def navigation(request) -> dict:
    def build():
        user = request.user
        main = main_menu(user)
        messages = Link(_("My messages"), reverse("notifications:mine"))
        account = Menu(user.full_name, account_menu(user))
        mark_current([*main, messages, account], request.path)
        return {"main": main, "messages": messages, "account": account}

    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {"navigation": SimpleLazyObject(build)}
