"""What each public method of the Repository needs, declared on the method itself and checked
before its body runs, so a method cannot read or write a circle without its check.

    @needs(Action.READ)                      # on the circle named by the method's first argument
    @needs(Action.MANAGE_MEMBERS, rule=...)  # then a rule on the call's arguments (who is added)
    @lists_circles                           # any registered teacher; it shows only theirs
    @no_circle_data                          # nothing to check: the clock, or the check itself

A method that takes a circle names it `circle`, as its first argument. The checks themselves
are the access part of the Repository (circle.store.access); on a laptop (no teachers
registered) each costs one stat, and the checked calls a checked call makes cost none.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from circle.domain.server.access import Action

if TYPE_CHECKING:
    from circle.domain.server.access import Actor

# rule(repository, actor, circle, arguments by name): AccessDenied when the call may not go on.
Rule = Callable[[Any, "Actor", Any, Mapping[str, Any]], None]
Method = TypeVar("Method", bound=Callable[..., Any])

DECLARED = "__needs__"
# The repository and actor of the checked call running now (in this thread or task): what it
# calls in turn asks no file again who is acting.
_ACTING: ContextVar[tuple[Any, Any] | None] = ContextVar("circle_acting", default=None)


def acting(repo: Any) -> tuple[bool, Actor | None]:
    """(True, the actor) inside a checked call on repo, where the actor is known; else (False, None)."""
    held = _ACTING.get()
    if held is not None and held[0] is repo:
        return True, held[1]
    return False, None


@dataclass(frozen=True)
class Needs:
    action: Action | None = None  # required on the circle argument, or with no circle
    rule: Rule | None = None  # then asked with the call's arguments
    teacher: bool = False  # any registered teacher (a listing that leaves out what is not theirs)
    nothing: bool = False  # touches no circle's data, or is itself an access check
    takes_circle: bool = False


def declared(method: Any) -> Needs | None:
    """What a method declared it needs; None when it declared nothing."""
    return getattr(method, DECLARED, None)


def needs(action: Action | None = None, *, rule: Rule | None = None) -> Callable[[Method], Method]:
    if action is None and rule is None:
        raise TypeError("needs() names an action, a rule or both; @no_circle_data declares neither")
    return lambda method: _checked(method, Needs(action=action, rule=rule))


def lists_circles(method: Method) -> Method:
    return _checked(method, Needs(teacher=True))


def no_circle_data(method: Method) -> Method:
    setattr(method, DECLARED, Needs(nothing=True))
    return method


def _checked(method: Method, wanted: Needs) -> Method:
    signature = inspect.signature(method)
    names = list(signature.parameters)
    takes_circle = "circle" in names
    if takes_circle and names.index("circle") != 1:
        raise TypeError(f"{method.__qualname__}: a checked method takes its circle as its first argument")
    wanted = replace(wanted, takes_circle=takes_circle)

    @functools.wraps(method)
    def checked(self: Any, *args: Any, **kwargs: Any) -> Any:
        actor = self.server_actor()
        if actor is not None:  # a laptop: the operating-system user owns the home
            circle = (args[0] if args else kwargs.get("circle")) if takes_circle else None
            arguments: Mapping[str, Any] = {}
            if wanted.rule is not None:
                bound = signature.bind(self, *args, **kwargs)
                bound.apply_defaults()
                arguments = bound.arguments
            self._check_declared(actor, wanted, circle, arguments)
        token = _ACTING.set((self, actor))
        try:
            return method(self, *args, **kwargs)
        finally:
            _ACTING.reset(token)

    setattr(checked, DECLARED, wanted)
    return checked  # type: ignore[return-value]
