/* libFuzzer target: the dataset loader (doc/dataset.md).
 *
 * The input is JSON text given to iscg_dataset_load_string() and
 * iscg_dataset_validate_string(). Seeds: the embedded Pas-de-Calais dataset,
 * the test files and small variants (fuzz/corpus/dataset/); fuzz/dataset.dict
 * holds the schema's words.
 *
 * Invariants: a failed load leaves the output untouched and reports the code
 * it returns with a line and a column; validation returns the same code as
 * loading, counts errors exactly when there are some and reports the load's
 * error first; a loaded dataset saves, loads again and saves to the same
 * text ("saving and loading again gives the same dataset"); everything is
 * freed (a leak is a finding). */
#include "fuzz.h"

#define NAME "fuzz.json"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Saves ds, loads the text again and saves that: both texts must agree. */
static void check_round_trip(const iscg_dataset *ds)
{
    char *one = NULL, *two = NULL;
    iscg_dataset *again = NULL;
    iscg_error e;
    int rc = iscg_dataset_save_string(&one, ds, &e);
    FUZZ_CHECK(rc == 0 && one, "save gave %d: %s", rc, e.text);
    rc = iscg_dataset_load_string(&again, one, "saved.json", &e);
    FUZZ_CHECK(rc == 0, "a saved dataset does not load again (%d): %s\n%s", rc, e.text, one);
    rc = iscg_dataset_save_string(&two, again, &e);
    FUZZ_CHECK(rc == 0 && two, "saving again gave %d: %s", rc, e.text);
    FUZZ_CHECK(strcmp(one, two) == 0, "saving, loading and saving again changed the text:\n%s\n---\n%s", one, two);
    iscg_free(one);
    iscg_free(two);
    iscg_dataset_free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    iscg_dataset *const untouched = (iscg_dataset *)&untouched;
    iscg_dataset *ds = untouched;
    iscg_error first;
    memset(&first, 0, sizeof first);

    int rc = iscg_dataset_load_string(&ds, text, NAME, &first);
    if (rc == 0) {
        FUZZ_CHECK(ds && ds != untouched, "no dataset");
        check_round_trip(ds);
        iscg_dataset_free(ds);
    } else {
        /* any code but EIO (no file) and ENOMEM; EINVAL is the registry's for a
         * value it refuses (a work time of 0 %), passed on as documented */
        FUZZ_CHECK(rc < 0 && rc != ISCG_EIO && rc != ISCG_ENOMEM, "code %d", rc);
        FUZZ_CHECK(ds == untouched, "the output was written on failure");
        FUZZ_CHECK(first.code == rc, "report code %d for %d", first.code, rc);
        FUZZ_CHECK(first.text[0] != '\0' && strcmp(first.source, NAME) == 0, "report \"%s\" from \"%s\"",
                   first.text, first.source);
        FUZZ_CHECK(first.line >= 1 && first.column >= 1, "report at %d:%d: %s", first.line, first.column,
                   first.text);
    }

    iscg_error errors[4];
    size_t count = (size_t)-1, again = (size_t)-1;
    int vrc = iscg_dataset_validate_string(errors, sizeof errors / sizeof errors[0], &count, text, NAME);
    FUZZ_CHECK(vrc == rc, "validate gave %d, load gave %d", vrc, rc);
    FUZZ_CHECK((count == 0) == (rc == 0), "%zu errors for code %d", count, rc);
    if (count > 0)
        FUZZ_CHECK(errors[0].code == rc && strcmp(errors[0].text, first.text) == 0,
                   "validate's first error \"%s\", load's \"%s\"", errors[0].text, first.text);
    FUZZ_CHECK(iscg_dataset_validate_string(NULL, 0, &again, text, NAME) == rc && again == count,
               "validate without room counts %zu errors, with room %zu", again, count);

    free(text);
    return 0;
}
