/* SPDX-License-Identifier: Apache-2.0 */
/* The one implementation of the enums' name and parse functions: every
 * public enum is a table of names indexed by value (see ISCG__ENUM in
 * internal.h), and these read it. */
#include <stdio.h>

#include "i18n.h"
#include "internal.h"

const char *iscg__enum_what(const struct iscg__enum *e)
{
    return ISCG_TR(e->what);
}

const char *iscg__enum_name(const struct iscg__enum *e, int value)
{
    return value >= 0 && value < e->size ? e->names[value] : NULL;
}

void iscg__enum_list(char *buf, size_t size, const struct iscg__enum *e)
{
    size_t at = 0;
    buf[0] = '\0';
    for (int i = 0; i < e->size && at < size; i++)
        if (e->names[i])
            at += (size_t)snprintf(buf + at, size - at, "%s%s", at ? ", " : "", e->names[i]);
}

int iscg__enum_parse(const struct iscg__enum *e, int *value, const char *name, iscg_error *err)
{
    if (!name)
        return ISCG_FAIL(err, ISCG_EINVAL, e->what, "no name given for the %s", iscg__enum_what(e));
    const char *wanted = name;
    for (const char *const *a = e->aliases; a && a[0]; a += 2)
        if (iscg__strcaseeq(name, a[0]) == 0)
            wanted = a[1];
    for (int i = 0; i < e->size; i++) {
        if (e->names[i] && iscg__strcaseeq(wanted, e->names[i]) == 0) {
            *value = i;
            return 0;
        }
    }
    char list[256];
    iscg__enum_list(list, sizeof list, e);
    return ISCG_FAIL(err, ISCG_EPARSE, e->what, "\"%s\" is not a %s: give one of %s", name, iscg__enum_what(e),
                     list);
}

int iscg__enum_check(const struct iscg__enum *e, int value, const char *field, iscg_error *err)
{
    if (iscg__enum_name(e, value))
        return 0;
    char list[256];
    iscg__enum_list(list, sizeof list, e);
    if (value == 0)
        return ISCG_FAIL(err, ISCG_EINVAL, field, "no %s is set (0 is unset in %s): choose one of %s",
                         iscg__enum_what(e), e->type, list);
    return ISCG_FAIL(err, ISCG_EINVAL, field, "%s %d is not one of %s: choose one of %s", iscg__enum_what(e), value,
                     e->type, list);
}
