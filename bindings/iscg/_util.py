# SPDX-License-Identifier: Apache-2.0
"""Helpers shared by the modules of the package: docstrings that name the C
functions they rest on, and errors raised on the Python side in the
library's terms."""

import inspect
from typing import Any, Callable, Optional, Type, TypeVar

from . import _iscg as _c

T = TypeVar("T")


def c_doc(*functions: str) -> Callable[[T], T]:
    """Names, at the end of the decorated object's docstring, the C
    functions of libiscg it rests on (documented in the C API reference,
    `make doc`), so that help() stays Pythonic: no C declarations."""

    def decorate(obj: T) -> T:
        names = ", ".join("%s()" % name for name in functions)
        own = inspect.cleandoc(obj.__doc__) if obj.__doc__ else ""
        obj.__doc__ = (own + "\n\n" if own else "") + "C: %s.\n" % names
        return obj

    return decorate


def error(cls: Type[BaseException], code: int, text: str, **attributes: Any) -> BaseException:
    """An exception of the iscg.Error hierarchy made on the Python side, with
    the attributes the library's own exceptions carry."""
    e = cls(text)
    e.code = code
    for name in ("source", "field", "line", "column"):
        setattr(e, name, attributes.pop(name, None))
    for name, value in attributes.items():
        setattr(e, name, value)
    return e


def invalid(text: str, field: Optional[str] = None) -> BaseException:
    """An iscg.InvalidInput (ISCG_EINVAL) naming `field`."""
    return error(_c.InvalidInput, _c.ISCG_EINVAL, text, field=field)


def check_int(value: Any, what: str) -> int:
    """`value` if it is an int (not a bool, never a float), else TypeError."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s: an int is expected, not %s" % (what, type(value).__name__))
    return value


def check_str(value: Any, what: str) -> str:
    """`value` if it is a str, else TypeError."""
    if not isinstance(value, str):
        raise TypeError("%s: a str is expected, not %s" % (what, type(value).__name__))
    return value
