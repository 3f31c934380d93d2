"""Helpers shared by the modules of the package: docstrings taken from the C
documentation, and errors raised on the Python side in the library's terms."""

from . import _iscg as _c


def c_doc(*functions):
    """Appends the C documentation of `functions` (their docstrings in the
    low-level module, written by SWIG from the headers' Doxygen comments) to
    the decorated object's own docstring."""

    def decorate(obj):
        parts = [obj.__doc__.rstrip() if obj.__doc__ else ""]
        for name in functions:
            doc = getattr(_c, name).__doc__ or ""
            body = "\n".join("    " + line if line else "" for line in doc.strip().splitlines())
            parts.append("C documentation of %s():\n\n%s" % (name, body))
        obj.__doc__ = "\n\n".join(p for p in parts if p) + "\n"
        return obj

    return decorate


def error(cls, code, text, **attributes):
    """An exception of the iscg.Error hierarchy made on the Python side, with
    the attributes the library's own exceptions carry."""
    e = cls(text)
    e.code = code
    for name in ("source", "field", "line", "column"):
        setattr(e, name, attributes.pop(name, None))
    for name, value in attributes.items():
        setattr(e, name, value)
    return e


def invalid(text, field=None):
    """An iscg.InvalidInput (ISCG_EINVAL) naming `field`."""
    return error(_c.InvalidInput, _c.ISCG_EINVAL, text, field=field)


def check_int(value, what):
    """`value` if it is an int (not a bool, never a float), else TypeError."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s: an int is expected, not %s" % (what, type(value).__name__))
    return value


def check_str(value, what):
    """`value` if it is a str, else TypeError."""
    if not isinstance(value, str):
        raise TypeError("%s: a str is expected, not %s" % (what, type(value).__name__))
    return value
