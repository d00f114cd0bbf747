"""The template sandbox with limits: time, size of what a template makes, and repetitions.

Jinja's immutable sandbox keeps templates away from Python's internals; it does not stop
``{{ "x" * 10**9 }}`` (gigabytes in one step) or loops nested until the end of time. Here every
operation that can make something large is checked *before* it runs — repetition (``*``),
powers, ``%`` and ``format`` widths, padding and joining methods and filters — and every
attribute access, call, loop step over ``range()`` and printed value checks the time budget of
the render in progress. In the main thread a timer signal also ends a render that is busy in
a loop without any of these (iterating a long string), so one runaway template or field costs
at most its budget, in a batch as anywhere. The limits come from :mod:`workreport.limits`.
"""

from __future__ import annotations

import contextlib
import functools
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import limits
from .errors import TemplateError

_MAX_INT_BITS = 100_000
"""Integers a template computes stay below 2**100000 (some 30 000 digits)."""
_WIDTH = re.compile(r"\d+")
_NESTED_FIELD = re.compile(r"\{[^{}]*:[^{}]*\{")
_GROWING_METHODS = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs", "join"})


class RenderLimitError(TemplateError):
    """A template or text field went over a limit of :mod:`workreport.limits`."""


class _Budget(threading.local):
    deadline: float | None = None
    chars: int = 0
    cap: int = 0
    """``render_chars`` of the render in progress, read once: it is checked at every step."""


_budget = _Budget()


@contextlib.contextmanager
def budget() -> Iterator[None]:
    """Run a render under the time and output limits (nested calls share the outer budget)."""
    if _budget.deadline is not None:
        yield
        return
    seconds = limits.current().render_seconds
    _budget.deadline = time.monotonic() + seconds
    _budget.chars = 0
    _budget.cap = limits.current().render_chars
    alarm = _start_alarm(seconds)
    try:
        yield
    finally:
        _budget.deadline = None
        if alarm is not None:
            alarm()


def _start_alarm(seconds: float) -> Callable[[], None] | None:
    """A timer signal that ends a render stuck where no check runs; None off the main thread
    (signals go to the main thread only) and where there is no ``setitimer`` (Windows)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    if not hasattr(signal, "setitimer"):
        return None
    armed = [True]

    def ring(_signum: int, _frame: object) -> None:
        if armed[0]:
            armed[0] = False
            raise _over_time()

    try:
        previous = signal.signal(signal.SIGALRM, ring)
    except ValueError:  # not the main interpreter
        return None
    # A little after the budget, so the checks inside the render usually speak first.
    started = time.monotonic()
    before, interval = signal.setitimer(signal.ITIMER_REAL, seconds + 0.25)

    def stop() -> None:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if before > 0:  # someone else's timer was running: give it back what is left
            left = max(before - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, interval)

    return stop


def _over_time() -> RenderLimitError:
    seconds = limits.current().render_seconds
    return RenderLimitError(
        f"渲染超过了 {seconds:g} 秒的时间上限，可能有死循环或嵌套过深的循环",
        hint="检查 {% for %} 循环和宏的递归；" + limits.raise_hint("render_seconds"),
    )


def check_time() -> None:
    """Raise when the render in progress has used up its time."""
    deadline = _budget.deadline
    if deadline is not None and time.monotonic() > deadline:
        raise _over_time()


def _too_large(size: int, what: str = "生成的文字") -> RenderLimitError:
    cap = limits.current().render_chars
    return RenderLimitError(
        f"{what}会有 {size} 个字符，超过了 {cap} 个字符的上限（一份报告约 5 万字）",
        hint=limits.raise_hint("render_chars", size),
    )


def _check_size(size: int, what: str = "生成的文字") -> None:
    cap = _budget.cap if _budget.deadline is not None else limits.current().render_chars
    if size > cap:
        raise _too_large(size, what)


def _check_items(count: int) -> None:
    cap = limits.current().render_items
    if count > cap:
        raise RenderLimitError(
            f"一次循环或重复有 {count} 项，超过了 {cap} 项的上限",
            hint=limits.raise_hint("render_items", count),
        )


def _size(value: Any) -> int:
    """Characters ``value`` stands for: a string's length, a sequence's items' lengths."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, list | tuple):
        return len(value) + sum(len(v) for v in value if isinstance(v, str | bytes))
    return 0


def _check_widths(fmt: str) -> None:
    """A format string (``%09999999d``, ``{:>9999999}``) may not pad beyond the size limit."""
    cap = limits.current().render_chars
    for number in _WIDTH.findall(fmt):
        if len(number) > len(str(cap)) or int(number) > cap:
            raise _too_large(int(number[:30]), "格式化后的文字")
    if _NESTED_FIELD.search(fmt):
        raise RenderLimitError(
            "格式字符串中不能嵌套“{}”来指定宽度", hint="直接写出宽度，如 {:>5}。"
        )
    if "*" in fmt and "%" in fmt:
        raise RenderLimitError("格式字符串中不能用“*”指定宽度", hint="直接写出宽度，如 %5s。")


class CheckedRange:
    """``range()`` for templates: its length capped, the time checked as it is iterated."""

    def __init__(self, *args: int) -> None:
        self._range = range(*args)
        _check_items(len(self._range))

    def __iter__(self) -> Iterator[int]:
        for index, value in enumerate(self._range):
            if not index & 0x3FF:
                check_time()
            yield value

    def __reversed__(self) -> Iterator[int]:
        return reversed(self._range)

    def __len__(self) -> int:
        return len(self._range)

    def __getitem__(self, index: Any) -> Any:
        return self._range[index]

    def __contains__(self, value: object) -> bool:
        return value in self._range

    def __repr__(self) -> str:
        return repr(self._range)


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with the checks of this module on operators, calls, attributes
    and printed values."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, finalize=_finalize, **kwargs)
        self.globals["range"] = CheckedRange
        self.globals.pop("lipsum", None)  # placeholder Latin, pages of it on request
        for name, function in list(self.filters.items()):
            self.filters[name] = _checked_filter(function)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        check_time()
        if operator == "*":
            _check_repeat(left, right)
        elif operator == "**":
            _check_power(left, right)
        elif operator == "%" and isinstance(left, str):
            _check_widths(left)
        elif operator == "+":
            _check_size(_size(left) + _size(right))
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        check_time()
        if attribute in ("format", "format_map") and isinstance(obj, str):
            _check_widths(obj)  # the sandbox hands out its own wrapper for str.format
        value = super().getattr(obj, attribute)
        if isinstance(value, str) and len(value) > 4096:  # the rest cannot be over the cap
            _check_size(len(value))
        return value

    def getitem(self, obj: Any, argument: Any) -> Any:
        check_time()
        return super().getitem(obj, argument)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        check_time()
        _check_call(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)


def _check_repeat(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > _MAX_INT_BITS:
            raise _number_too_large()
        return
    sequence, count = (left, right) if isinstance(right, int) else (right, left)
    if isinstance(count, int) and isinstance(sequence, str | bytes | list | tuple):
        if not isinstance(sequence, str | bytes):
            _check_items(len(sequence) * count)
        _check_size(_size(sequence) * count)


def _check_power(left: Any, right: Any) -> None:
    if (
        isinstance(left, int)
        and isinstance(right, int)
        and right > 0
        and max(left.bit_length(), 1) * right > _MAX_INT_BITS
    ):
        raise _number_too_large()


def _number_too_large() -> RenderLimitError:
    return RenderLimitError(
        "算出的数字过大（超过 3 万位）", hint="报告中的数字不会这样大；检查 ** 和 * 的写法。"
    )


def _check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Calls that make long strings are measured first: padding, tab expansion, joins and
    ``str.format``."""
    name = getattr(obj, "__name__", "")
    owner = getattr(obj, "__self__", None)
    if not isinstance(owner, str):
        return
    if name in ("format", "format_map"):
        _check_widths(owner)
        return
    if name == "replace" and len(args) >= 2:
        _check_replace(owner, args[0], args[1])
        return
    if name not in _GROWING_METHODS:
        return
    numbers = [a for a in (*args, *kwargs.values()) if isinstance(a, int)]
    if name == "expandtabs":
        _check_size(len(owner) + owner.count("\t") * max(numbers or [8]))
    elif name == "join" and args and isinstance(args[0], list | tuple):
        _check_size(_size(args[0]) + len(owner) * len(args[0]))
    else:
        _check_size(max(numbers or [0]))


def _check_replace(text: str, old: Any, new: Any) -> None:
    if isinstance(old, str) and isinstance(new, str):
        count = text.count(old) if old else len(text) + 1
        _check_size(len(text) + count * len(new))


def _checked_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses numbers beyond the limits (widths, counts) and long results.

    Only the parameters are held to the limits, not the value filtered (a figure may well be
    over a million); a filter that takes the context or environment first skips that too.
    """
    skip = 2 if getattr(function, "jinja_pass_arg", None) is not None else 1
    value_at = skip - 1

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        check_time()
        cap = max(limits.current().render_chars, limits.current().render_items)
        for value in (*args[skip:], *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and value > cap:
                name = function.__name__.removeprefix("do_")
                raise RenderLimitError(
                    f"过滤器 {name} 的参数 {value} 超过了 {cap} 的上限",
                    hint=limits.raise_hint("render_chars", value),
                )
        value = args[value_at] if len(args) > value_at else None
        if function.__name__ == "do_format" and isinstance(value, str):
            _check_widths(value)
        if function.__name__ == "do_replace" and isinstance(value, str) and len(args) > skip + 1:
            _check_replace(value, args[skip], args[skip + 1])
        if function.__name__ == "do_indent" and isinstance(value, str):
            width = next((a for a in args[skip:] if isinstance(a, int)), 4)
            _check_size(len(value) + (value.count("\n") + 1) * width)
        result = function(*args, **kwargs)
        if isinstance(result, str):
            _check_size(len(result))
        return result

    return checked


def _finalize(value: Any) -> Any:
    """Every printed value: the time, and the total printed so far."""
    if _budget.deadline is not None:
        check_time()
        _budget.chars += len(value) if isinstance(value, str) else 16
        _check_size(_budget.chars, "渲染结果")
    return value
