# SPDX-License-Identifier: Apache-2.0
"""The Python documentation: help(iscg) is a short, Pythonic overview (no C
declarations), the package is typed (type hints, py.typed), and the
examples of the main calls' docstrings run as written."""

import doctest
import inspect
import os
import pickle
import pydoc
import sys
import types
import typing
from decimal import Decimal
from fractions import Fraction

import pytest

import iscg


def public_objects():
    """Every public function and class of the package, by name."""
    for name in dir(iscg):
        if not name.startswith("_"):
            value = getattr(iscg, name)
            if inspect.isfunction(value) or inspect.isclass(value):
                yield name, value


def test_help_is_short_and_pythonic():
    text = pydoc.render_doc(iscg, renderer=pydoc.plaintext)
    assert len(text.splitlines()) < 250, len(text.splitlines())
    for c_only in ("::ISCG", "NULL", "C documentation", "const char", "int64_t", "iscg_error *"):
        assert c_only not in text, c_only
    assert "load()" in text and "Dataset" in text and "to_dataframe()" in text  # says where to start


def test_no_c_declarations_in_any_public_help():
    for name, value in public_objects():
        text = pydoc.render_doc(value, renderer=pydoc.plaintext)
        assert "::ISCG" not in text and "may be NULL" not in text and "C documentation" not in text, name
    text = pydoc.render_doc(iscg.errors, renderer=pydoc.plaintext)
    assert "class NotFound" in text and "::ISCG" not in text


def test_docstrings_name_the_c_functions():
    assert iscg.prorate.__doc__.rstrip().endswith("C: iscg_prorate().")
    assert inspect.getdoc(iscg.prorate).startswith("An annual amount of euros prorated")


def test_exceptions_are_iscg_errors_and_pickle():
    assert iscg.errors.NotFound is iscg.NotFound and iscg.NotFound.__module__ == "iscg.errors"
    with pytest.raises(iscg.NotFound) as caught:
        iscg.load().posts["isg-nowhere"]
    again = pickle.loads(pickle.dumps(caught.value))
    assert type(again) is iscg.NotFound and str(again) == str(caught.value)


def test_py_typed_is_in_the_package():
    assert os.path.isfile(os.path.join(os.path.dirname(iscg.__file__), "py.typed"))


def missing_hints(function):
    signature = inspect.signature(function)
    missing = [p.name for p in signature.parameters.values()
               if p.name not in ("self", "cls") and p.annotation is inspect.Parameter.empty]
    if signature.return_annotation is inspect.Signature.empty and function.__name__ != "__init__":
        missing.append("return")
    return missing


def public_functions():
    """The public functions of the package and the public methods,
    properties, class and static methods its classes define."""
    for name, value in public_objects():
        if inspect.isfunction(value):
            yield name, value
        elif value.__module__.startswith("iscg.") and value.__module__ != "iscg.errors":
            for attr, member in vars(value).items():
                if attr.startswith("_") and attr != "__init__":
                    continue
                if isinstance(member, (classmethod, staticmethod)):
                    member = member.__func__
                elif isinstance(member, property):
                    member = member.fget
                if inspect.isfunction(member) and member.__module__.startswith("iscg") and \
                        "<locals>" not in member.__qualname__ and member.__module__ != "dataclasses":
                    yield "%s.%s" % (name, attr), member


# Still to annotate: the datasets, the results of a dataset and the
# enumerations. Every other module is annotated throughout, and stays so.
NOT_YET_ANNOTATED = ("iscg._dataset", "iscg._results", "iscg._enums")


def test_public_functions_have_type_hints():
    checked, missing = 0, {}
    for name, function in public_functions():
        if function.__module__ in NOT_YET_ANNOTATED:
            continue
        checked += 1
        if missing_hints(function):
            missing[name] = missing_hints(function)
    assert missing == {}
    assert checked > 50  # the walk found the package's functions


@pytest.mark.parametrize("function", [iscg.parse_money, iscg.format_cents, iscg.round_money, iscg.scale_money,
                                      iscg.allocate, iscg.year_fraction, iscg.prorate, iscg.receivables,
                                      iscg.audit, iscg.activity, iscg.errors], ids=lambda f: f.__name__)
def test_docstring_examples_run(function):
    globs = {"iscg": iscg, "Decimal": Decimal, "Fraction": Fraction}
    tests = doctest.DocTestFinder(recurse=False).find(function, function.__name__, globs=globs)
    assert tests and tests[0].examples, "no example in the docstring"
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    for test in tests:
        runner.run(test)
    assert runner.failures == 0


def _public_callables():
    """(name, function) for every public function, method and property of
    the package's modules, each where it is defined."""
    modules = [m for name, m in sorted(sys.modules.items()) if name == "iscg" or
               (name.startswith("iscg.") and name != "iscg._iscg")]
    for mod in modules:
        for name, obj in vars(mod).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != mod.__name__:
                continue
            if inspect.isfunction(obj):
                yield "%s.%s" % (mod.__name__, name), obj
            elif inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    if attr.startswith("_") and attr not in ("__init__", "__getitem__", "__len__", "__iter__",
                                                             "__enter__", "__exit__"):
                        continue
                    if isinstance(member, (staticmethod, classmethod)):
                        member = member.__func__
                    where = "%s.%s.%s" % (mod.__name__, name, attr)
                    if isinstance(member, property):
                        yield where, member.fget
                        if member.fset:
                            yield where + " (setter)", member.fset
                    elif inspect.isfunction(member):
                        yield where, member


def test_every_public_function_has_type_hints():
    """Every parameter and return of the package's public functions and
    methods is annotated, and every annotation resolves (typing.get_type_hints,
    the check mypy starts from); py.typed says so to type checkers."""
    seen, missing = 0, []
    for where, f in _public_callables():
        seen += 1
        sig = inspect.signature(f)
        params = [p for p in sig.parameters.values() if p.name not in ("self", "cls")]
        if sig.return_annotation is inspect.Signature.empty or any(
                p.annotation is inspect.Parameter.empty for p in params):
            missing.append(where)
        # forward references resolve (pandas and Dataset are imported for type checkers only)
        typing.get_type_hints(f, localns={"pandas": types.SimpleNamespace(DataFrame=object), "Dataset": iscg.Dataset})
    assert seen > 150 and missing == []
    assert os.path.exists(os.path.join(os.path.dirname(iscg.__file__), "py.typed"))
