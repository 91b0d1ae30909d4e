"""The home screen: the acting user's circles, each with its next steps; a welcome when empty.

The screens it opens (a circle, its history, following a session, the new-circle form) load
when first opened, so its first frame does not wait for them (benchmarks/reads.py).
"""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from circle import hints
from circle.domain.server.access import Action
from circle.ui.home import navigation
from circle.ui.home.guard import attempt
from circle.ui.home.overview import CircleCard, home_cards
from circle.ui.size_notice import NARROW
from circle.ui.widgets.footer import KeyFooter

NEXT_STEPS = "enter opens a circle: members, norms, agreement.  s starts a session."


def circle_screen(slug: str) -> Screen:
    """A circle's screen, loaded when first opened: the home screen's start does not wait for it."""
    from circle.ui.home.circle_screen import CircleScreen

    return CircleScreen(slug)


def history_screen(slug: str) -> Screen:
    from circle.ui.home.history_screen import HistoryScreen

    return HistoryScreen(slug)


def card_prompt(card: CircleCard) -> Group:
    """A circle's name, then its details indented (wrapped lines too); user text shown as typed."""
    head = Text()
    head.append(card.name, style="bold")
    count = len(card.members)
    head.append(f"  {count} member{'s' if count != 1 else ''}", style="dim")
    details: list[Text] = []
    if card.problem:
        details.append(Text(hints.without_server_paths(card.problem), style="bold red"))
    else:
        if card.description:
            details.append(Text(card.description))
        last = card.last_session.date().isoformat() if card.last_session else "no sessions yet"
        state = Text("sessions, goals and agreement: its members' only" if card.private else f"last session: {last}")
        if card.agreement_note:
            state.append(f"  · agreement {card.agreement_note}", style="bold yellow")
        if card.running:
            state.append("  · session running now: w follows it", style="bold green")
        details.append(state)
    return Group(head, Padding(Group(*details), (0, 0, 0, 2)))


class HomeScreen(Screen[None]):
    HELP_TITLE = "Home"
    MIN_SIZE = NARROW  # works whole at a phone's width
    DEFAULT_CLASSES = "home"  # styles/home.tcss applies only to these screens
    BINDINGS = [
        Binding("s", "start_session", "Session", id="home.start", tooltip="Start a session of the circle"),
        Binding("g", "goals", "Goals", id="home.goals", tooltip="The circle's goals"),
        Binding("h", "history", "History", id="home.history", tooltip="Past sessions and airtime"),
        Binding("m", "open_circle", "Members", id="home.members", tooltip="Members, norms and agreement"),
        Binding("n", "new_circle", "New circle", id="home.new"),
        Binding("d", "demo", "Open the demo", id="home.demo", show=False),
        Binding("w", "watch", "Watch", id="home.watch", show=False,
                tooltip="Follow the circle's running session (read-only)"),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    def __init__(self, actor: str) -> None:
        super().__init__()
        self.actor = actor
        self.cards: list[CircleCard] = []
        # What the actor may start here (known once the home is read): on a school server only
        # admins make circles, and the demo is never put into a home with teachers.
        self.offers_new_circle = False
        self.offers_demo = False

    def compose(self) -> ComposeResult:
        yield Static("", id="home-title", classes="screen-title")
        with Vertical(id="welcome"):
            yield Static(
                Text.assemble(
                    ("Welcome to circle\n\n", "bold"),
                    "Run mentoring sessions for a group of teachers: fair turns, a timer the whole "
                    "room can read, SMART goals, and a record of every session. Everything stays "
                    "on this machine.\n\nThere are no circles here yet.",
                ),
                id="welcome-text",
            )
            with Horizontal(id="welcome-buttons"):
                yield Button("Create a circle (n)", id="welcome-new", variant="primary")
                yield Button("Open the demo (d)", id="welcome-demo")
        yield OptionList(id="circle-list")
        yield Static(NEXT_STEPS, id="home-hint", classes="hint")
        yield KeyFooter(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # With no circles yet, only creating one (or the demo) makes sense.
        if action in ("start_session", "goals", "history", "open_circle"):
            return bool(self.cards)
        if action == "new_circle":
            return self.offers_new_circle
        if action == "demo":
            return self.offers_demo
        return True

    def on_screen_resume(self) -> None:
        self.reload()  # also when first shown: Textual resumes a screen as it first becomes current

    def reload(self, select: str | None = None) -> None:
        listing = self.query_one("#circle-list", OptionList)
        keep = select or self.selected_slug()
        found = attempt(self, "Cannot read the circles", lambda: home_cards(self.app.repo, self.actor, self.app.clock.now().date()))
        self.cards, mine = found or ([], False)
        self.offer_what_the_actor_may()
        empty = not self.cards
        # The welcome is for a new home, not for one that could not be read.
        self.query_one("#welcome").display = empty and found is not None
        if empty and found is not None:
            self.welcome_server_teacher()
        listing.display = not empty
        self.query_one("#home-hint").display = not empty
        title = "Your circles" if mine else "All circles"
        self.query_one("#home-title", Static).update(
            Text.assemble(("circle", "bold"), f"  ·  {title}" if not empty else "", ("  acting as ", "dim"), self.actor)
        )
        self.refresh_bindings()
        listing.clear_options()
        listing.add_options([Option(card_prompt(card), id=card.slug) for card in self.cards])
        if empty:
            self.query_one("#welcome-new", Button).focus()
            return
        slugs = [card.slug for card in self.cards]
        listing.highlighted = slugs.index(keep) if keep in slugs else 0
        listing.focus()

    def offer_what_the_actor_may(self) -> None:
        repo = self.app.repo
        laptop = attempt(self, "Cannot read the teachers", lambda: repo.server_actor() is None)
        self.offers_demo = laptop is True
        self.offers_new_circle = laptop is True or (laptop is False and repo.may(Action.CREATE_CIRCLE))
        self.query_one("#welcome-new").display = self.offers_new_circle
        self.query_one("#welcome-demo").display = self.offers_demo

    def welcome_server_teacher(self) -> None:
        """On a school server, a teacher in no circle yet is told whom to ask, not to create one."""
        actor = self.app.repo.server_actor()
        if actor is None or actor.admin:
            return
        self.query_one("#welcome-text", Static).update(
            Text.assemble(
                ("Welcome to circle\n\n", "bold"),
                f"You are not in a circle yet. Your school's circle administrator adds you to one, "
                f"with the username {actor.name}; then it shows here.",
            )
        )
        self.query_one("#welcome-buttons").display = False

    def selected_slug(self) -> str | None:
        listing = self.query_one("#circle-list", OptionList)
        if listing.highlighted is None or not self.cards:
            return None
        return listing.get_option_at_index(listing.highlighted).id

    def chosen_slug(self) -> str | None:
        """The circle selected, or None after saying there is none to act on."""
        slug = self.selected_slug()
        if slug is None:
            self.notify("Create a circle first (n).", severity="warning")
        return slug

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.app.push_screen(circle_screen(event.option.id))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "welcome-new":
            self.action_new_circle()
        elif event.button.id == "welcome-demo":
            self.action_demo()

    def action_open_circle(self) -> None:
        if slug := self.chosen_slug():
            self.app.push_screen(circle_screen(slug))

    def action_start_session(self) -> None:
        if slug := self.chosen_slug():
            navigation.start_session(self.app, slug)

    def action_watch(self) -> None:
        if slug := self.chosen_slug():
            from circle.ui.follow.launch import watch_from

            watch_from(self.app, slug)

    def action_goals(self) -> None:
        if slug := self.chosen_slug():
            navigation.open_goals(self.app, slug)

    def action_history(self) -> None:
        if slug := self.chosen_slug():
            self.app.push_screen(history_screen(slug))

    def action_new_circle(self) -> None:
        if not self.offers_new_circle:
            return

        def created(circle: dict | None) -> None:
            if circle:
                self.reload(select=circle["slug"])
                self.app.push_screen(circle_screen(circle["slug"]))

        # Loaded when first used, as the other screens are: the home screen's start does not wait for it.
        from circle.ui.home.forms import CircleForm

        self.app.push_screen(CircleForm(lambda v: navigation.new_circle(self.app.repo, **v)), created)

    def action_demo(self) -> None:
        if not self.offers_demo:
            return
        slug = navigation.add_demo(self.app)
        if slug:
            self.reload(select=slug)
            self.notify("The Demo Circle is here: s starts a session, enter shows its members.")
