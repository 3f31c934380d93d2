# SPDX-License-Identifier: Apache-2.0
"""The exceptions of iscg. A negative status of libiscg raises the class of
its code, a subclass of Error and, where one fits, of the builtin a Python
caller would catch (ValueError, LookupError, OSError, MemoryError,
ArithmeticError, OverflowError). Each carries `code` (the library's
negative status), and, when the library says where, `source`, `field`,
`line` and `column`. Every one is also iscg.NAME.

    >>> try:
    ...     iscg.load().posts["isg-nowhere"]
    ... except iscg.NotFound as e:        # also a LookupError
    ...     print(e.code == iscg.Status.ENOTFOUND, isinstance(e, LookupError))
    True True

Canceled is ISCG_ECANCELED: a cancel function asked a long call to stop.
Ctrl-C does not raise it: a load, a validation, an aggregation or sums
interrupted by a signal raise the handler's exception (KeyboardInterrupt).
"""

from . import _iscg as _c


def _exceptions(module):
    """The exception classes the extension module defines, by name."""
    for name in dir(module):
        value = getattr(module, name)
        if isinstance(value, type) and issubclass(value, module.Error):
            yield name, value


# Made in C as iscg.NAME, they are documented (and pickled) as this
# module's, which defines every one of them.
for _name, _class in _exceptions(_c):
    _class.__module__ = __name__
    globals()[_name] = _class
del _name, _class
