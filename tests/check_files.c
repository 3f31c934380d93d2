/* SPDX-License-Identifier: Apache-2.0 */
/* Files as an unlucky user meets them: saves that fail half-way (a size
 * limit, a missing folder), special files (/dev/zero, a pipe that never
 * ends, a directory), NUL bytes, the limits of doc/dataset.md, and error
 * reports about files whose names are thousands of characters long. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <iscg.h>

#include "suites.h"

static const char *const MINI =
    "{\"format\": \"iscg-dataset\", \"version\": 1,\n"
    " \"parties\": [{\"id\": \"etat\", \"kind\": \"STATE\", \"name\": \"Etat\"}]}\n";

static void write_file(const char *path, const char *text, size_t n)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, n, f), n);
    ck_assert_int_eq(fclose(f), 0);
}

/* The file's bytes, NUL-terminated; *n its length. */
static char *read_all(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    char *buf = malloc(1 << 20);
    ck_assert_ptr_nonnull(buf);
    *n = fread(buf, 1, (1 << 20) - 1, f);
    buf[*n] = '\0';
    ck_assert_int_eq(fclose(f), 0);
    return buf;
}

/* The number of entries of a folder, "." and ".." left out. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    struct dirent *e;
    /* readdir_r is deprecated (glibc): one thread reads its own folder here */
    // cppcheck-suppress readdirCalled
    while ((e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    ck_assert_int_eq(closedir(d), 0);
    return n;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A save that cannot be completed (here the file-size limit of a child
 * process, as a full disk would) leaves the old file byte for byte, removes
 * its new file and says why, with errno. */
START_TEST(test_save_under_size_limit_keeps_old_file)
{
    char dir[] = "/tmp/iscg-save-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/data.json", dir);
    write_file(path, MINI, strlen(MINI));
    /* the embedded dataset takes about 44 kB: the soft limit is cut to 8 KiB
     * for the save, then set back (in this process: a forked child would
     * end under valgrind with the parent's allocations still held) */
    struct rlimit old, rl;
    ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
    rl = old;
    rl.rlim_cur = 8192;
    iscg_dataset *big;
    iscg_error fail;
    ck_assert_int_eq(iscg_dataset_load_embedded(&big, &fail), 0);
    void (*was)(int) = signal(SIGXFSZ, SIG_IGN);
    ck_assert(was != SIG_ERR);
    ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
    int rc = iscg_dataset_save_file(big, path, &fail);
    ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
    ck_assert(signal(SIGXFSZ, was) != SIG_ERR);
    iscg_dataset_free(big);
    char want[128];
    snprintf(want, sizeof want, "%s: cannot be written: %s", path, strerror(EFBIG));
    ck_assert_int_eq(rc, ISCG_EIO);
    ck_assert_int_eq(fail.sys_errno, EFBIG);
    ck_assert_str_eq(fail.text, want);
    size_t n;
    char *text = read_all(path, &n);
    ck_assert_uint_eq(n, strlen(MINI));
    ck_assert_str_eq(text, MINI);
    free(text);
    ck_assert_int_eq(entries(dir), 1); /* the new file is gone */
    /* without the limit, the same save replaces it whole */
    iscg_dataset *ds, *back;
    iscg_error e;
    char *saved;
    ck_assert_int_eq(iscg_dataset_load_embedded(&ds, &e), 0);
    ck_assert_int_eq(iscg_dataset_save_file(ds, path, &e), 0);
    ck_assert_int_eq(iscg_dataset_save_string(&saved, ds, &e), 0);
    text = read_all(path, &n);
    ck_assert_str_eq(text, saved);
    free(text);
    ck_assert_int_eq(entries(dir), 1);
    ck_assert_int_eq(iscg_dataset_load_file(&back, path, &e), 0);
    iscg_dataset_free(back);
    iscg_free(saved);
    iscg_dataset_free(ds);
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* A replaced file keeps its permissions; a link is followed, not replaced;
 * a file name without a folder is in the current one; a directory and a
 * missing folder are refused with their reasons. */
START_TEST(test_save_targets)
{
    char dir[] = "/tmp/iscg-save-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[64], link[64];
    snprintf(path, sizeof path, "%s/data.json", dir);
    snprintf(link, sizeof link, "%s/link.json", dir);
    write_file(path, "old", 3);
    ck_assert_int_eq(chmod(path, 0640), 0);
    ck_assert_int_eq(symlink("data.json", link), 0);
    iscg_dataset *ds, *back;
    iscg_error e;
    ck_assert_int_eq(iscg_dataset_load_string(&ds, MINI, NULL, &e), 0);
    ck_assert_int_eq(iscg_dataset_save_file(ds, link, &e), 0);
    struct stat st;
    ck_assert_int_eq(lstat(link, &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_uint_eq(st.st_mode & 07777, 0640);
    ck_assert_int_eq(iscg_dataset_load_file(&back, path, &e), 0);
    ck_assert_uint_eq(iscg_registry_party_count(iscg_dataset_registry(back)), 1);
    iscg_dataset_free(back);
    ck_assert_int_eq(entries(dir), 2);
    /* a dangling link has no file to replace */
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(iscg_dataset_save_file(ds, link, &e), ISCG_EIO);
    ck_assert_int_eq(e.sys_errno, ENOENT);
    ck_assert_int_eq(unlink(link), 0);
    /* a directory */
    ck_assert_int_eq(iscg_dataset_save_file(ds, dir, &e), ISCG_EIO);
    ck_assert_int_eq(e.sys_errno, EISDIR);
    ck_assert_ptr_nonnull(strstr(e.text, ": cannot be written: Is a directory"));
    ck_assert_int_eq(entries(dir), 0);
    /* a bare file name, in the current folder */
    char cwd[4096];
    ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
    ck_assert_int_eq(chdir(dir), 0);
    ck_assert_int_eq(iscg_dataset_save_file(ds, "here.json", &e), 0);
    ck_assert_int_eq(iscg_dataset_load_file(&back, "here.json", &e), 0);
    iscg_dataset_free(back);
    ck_assert_int_eq(unlink("here.json"), 0);
    ck_assert_int_eq(chdir(cwd), 0);
    /* a file at the root: its folder is "/" (a directory there, to write nothing) */
    ck_assert_int_eq(iscg_dataset_save_file(ds, "/tmp", &e), ISCG_EIO);
    ck_assert_int_eq(e.sys_errno, EISDIR);
    iscg_dataset_free(ds);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* Reads end as soon as they go wrong: /dev/zero at its first byte, a pipe
 * that never ends at the size limit, a file larger than the limit before it
 * is read. */
START_TEST(test_bounded_reads)
{
    iscg_dataset *ds = NULL;
    iscg_error e;
    double t0 = now();
    ck_assert_int_eq(iscg_dataset_load_file(&ds, "/dev/zero", &e), ISCG_EPARSE);
    ck_assert_str_eq(e.text, "/dev/zero:1:1: a NUL byte, which a dataset file never holds");
    ck_assert_int_eq(e.line, 1);
    ck_assert_int_eq(e.column, 1);
    ck_assert_msg(now() - t0 < 30.0, "/dev/zero took %.2f s", now() - t0); /* it stops at once: this only catches a hang */

    /* a pipe that gives spaces for ever */
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(fds[0]);
        char spaces[4096];
        memset(spaces, ' ', sizeof spaces);
        for (;;)
            if (write(fds[1], spaces, sizeof spaces) < 0)
                _exit(0);
    }
    close(fds[1]);
    char pipe_path[64];
    snprintf(pipe_path, sizeof pipe_path, "/dev/fd/%d", fds[0]);
    iscg_load_options opts = ISCG_LOAD_OPTIONS_INIT;
    ck_assert_uint_eq(opts.max_size, (size_t)1 << 30);
    opts.max_size = 1 << 20;
    t0 = now();
    ck_assert_int_eq(iscg_dataset_load_file_ext(&ds, pipe_path, &opts, &e), ISCG_ERANGE);
    ck_assert_msg(now() - t0 < 30.0, "the pipe took %.2f s", now() - t0); /* a hang, not a speed */
    char want[160];
    snprintf(want, sizeof want, "%s: larger than the limit of 1048576 bytes for a dataset file (max_size)",
             pipe_path);
    ck_assert_str_eq(e.text, want);
    close(fds[0]);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);

    /* a regular file: refused by its size, or read up to the limit exactly */
    char path[] = "/tmp/iscg-limit-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(close(fd), 0);
    write_file(path, MINI, strlen(MINI));
    opts.max_size = strlen(MINI) - 1;
    ck_assert_int_eq(iscg_dataset_load_file_ext(&ds, path, &opts, &e), ISCG_ERANGE);
    ck_assert_int_eq(e.code, ISCG_ERANGE);
    opts.max_size = strlen(MINI);
    ck_assert_msg(iscg_dataset_load_file_ext(&ds, path, &opts, &e) == 0, "%s", e.text);
    iscg_dataset_free(ds);
    ck_assert_int_eq(iscg_dataset_load_file_ext(&ds, path, NULL, &e), 0);
    iscg_dataset_free(ds);
    /* a limit of 0 or options not made from the _INIT macro */
    opts.max_size = 0;
    ck_assert_int_eq(iscg_dataset_load_file_ext(&ds, path, &opts, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "max_size");
    iscg_load_options zero = {0, 100, NULL, NULL};
    ck_assert_int_eq(iscg_dataset_load_file_ext(&ds, path, &zero, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "version");
    ck_assert_int_eq(iscg_dataset_load_file_ext(NULL, path, NULL, &e), ISCG_EINVAL);
    size_t n = 9;
    iscg_error errs[2];
    ck_assert_int_eq(iscg_dataset_validate_file_ext(NULL, errs, 2, &n, path, &zero), ISCG_EINVAL);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(errs[0].field, "version");
    ck_assert_int_eq(iscg_dataset_validate_file_ext(NULL, NULL, 1, &n, path, NULL), ISCG_EINVAL);
    /* validation hands over the dataset it read, and only a valid one */
    ds = NULL;
    ck_assert_int_eq(iscg_dataset_validate_file_ext(&ds, errs, 2, &n, path, NULL), 0);
    ck_assert_uint_eq(n, 0);
    ck_assert_ptr_nonnull(ds);
    ck_assert_uint_eq(iscg_registry_party_count(iscg_dataset_registry(ds)), 1);
    iscg_dataset_free(ds);
    const char *two_errors = "{\"format\": \"iscg-dataset\", \"version\": 1, \"colour\": 1, \"size\": 2}";
    write_file(path, two_errors, strlen(two_errors));
    ds = NULL;
    ck_assert_int_eq(iscg_dataset_validate_file_ext(&ds, errs, 2, &n, path, NULL), ISCG_EPARSE);
    ck_assert_uint_eq(n, 2);
    ck_assert_ptr_null(ds);
    ck_assert_int_eq(iscg_dataset_validate_file_ext(NULL, NULL, 0, NULL, path, NULL), ISCG_EPARSE);
    ck_assert_int_eq(remove(path), 0);
    ck_assert_int_eq(iscg_dataset_validate_file_ext(NULL, errs, 2, &n, path, NULL), ISCG_EIO);
    ck_assert_int_eq(errs[0].sys_errno, ENOENT);
    ck_assert_str_eq(errs[0].source, path);
}
END_TEST

/* A NUL byte is refused where it is, not taken for the end of the text. */
START_TEST(test_nul_bytes_refused)
{
    static const char valid_then_garbage[] = "{\"format\":\"iscg-dataset\",\"version\":1}\0 garbage {{{";
    static const char later[] = "{\"format\": \"iscg-dataset\",\n \"version\": 1, \"title\": \"\xc3\xa9t\xc3\xa9\0\"}";
    char path[] = "/tmp/iscg-nul-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(close(fd), 0);
    iscg_dataset *ds;
    iscg_error e, errs[1];
    size_t n;
    write_file(path, valid_then_garbage, sizeof valid_then_garbage - 1);
    ck_assert_int_eq(iscg_dataset_load_file(&ds, path, &e), ISCG_EPARSE);
    ck_assert_int_eq(e.line, 1);
    ck_assert_int_eq(e.column, 38);
    ck_assert_int_eq(iscg_dataset_validate_file(errs, 1, &n, path), ISCG_EPARSE);
    ck_assert_int_eq(errs[0].column, 38);
    ck_assert_ptr_nonnull(strstr(errs[0].text, ":1:38: a NUL byte"));
    /* columns count characters: "été" is three */
    write_file(path, later, sizeof later - 1);
    ck_assert_int_eq(iscg_dataset_load_file(&ds, path, &e), ISCG_EPARSE);
    ck_assert_int_eq(e.line, 2);
    ck_assert_int_eq(e.column, 29);
    ck_assert_int_eq(remove(path), 0);
}
END_TEST

/* A text whose identifier has n bytes of x at the given place. */
static char *with_long(const char *before, size_t n, const char *after)
{
    size_t a = strlen(before), b = strlen(after);
    char *doc = malloc(a + n + b + 1);
    ck_assert_ptr_nonnull(doc);
    snprintf(doc, a + 1, "%s", before);
    memset(doc + a, 'x', n);
    snprintf(doc + a + n, b + 1, "%s", after);
    return doc;
}

/* Validation reports the limit at field, line and column (among the other
 * errors of an item left incomplete). */
static void expect_range(const char *doc, const char *field, int line, int column)
{
    iscg_error errs[16];
    size_t n = 0, found = 0;
    ck_assert_int_ne(iscg_dataset_validate_string(errs, 16, &n, doc, "limits.json"), 0);
    for (size_t i = 0; i < n && i < 16; i++)
        if (errs[i].code == ISCG_ERANGE && strcmp(errs[i].field, field) == 0 && errs[i].line == line &&
            errs[i].column == column)
            found++;
    ck_assert_msg(found == 1, "%s at %d:%d not found; first: %.200s", field, line, column, n ? errs[0].text : "");
}

/* Every string and array of a dataset has a limit (doc/dataset.md). */
START_TEST(test_dataset_limits)
{
    const char *head = "{\"format\": \"iscg-dataset\", \"version\": 1,\n\"parties\": [{\"id\": \"";
    char *doc = with_long(head, ISCG_DATASET_MAX_NAME, "\", \"kind\": \"STATE\", \"name\": \"Etat\"}]}");
    iscg_dataset *ds;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_string(&ds, doc, NULL, &e) == 0, "%s", e.text);
    iscg_dataset_free(ds);
    free(doc);
    doc = with_long(head, ISCG_DATASET_MAX_NAME + 1, "\", \"kind\": \"STATE\", \"name\": \"Etat\"}]}");
    expect_range(doc, "parties[0].id", 2, 20);
    ck_assert_int_eq(iscg_dataset_load_string(&ds, doc, "limits.json", &e), ISCG_ERANGE);
    ck_assert_str_eq(e.text, "limits.json:2:20: parties[0].id: a string of 257 bytes is longer than the 256 bytes "
                             "allowed");
    free(doc);
    /* free text may be longer, up to its own limit */
    doc = with_long("{\"format\": \"iscg-dataset\", \"version\": 1,\n\"parties\": [{\"id\": \"e\", \"kind\": "
                    "\"STATE\", \"name\": \"",
                    ISCG_DATASET_MAX_TEXT + 1, "\"}]}");
    expect_range(doc, "parties[0].name", 2, 50);
    free(doc);
    doc = with_long("{\"format\": \"iscg-dataset\", \"version\": 1, \"notes\": [\"", ISCG_DATASET_MAX_TEXT + 1,
                    "\"]}");
    expect_range(doc, "notes[0]", 1, 52);
    free(doc);
    doc = with_long("{\"format\": \"iscg-dataset\", \"version\": 1, \"conventions\": [{\"cost\": \"", 300,
                    "\"}]}");
    expect_range(doc, "conventions[0].cost", 1, 67);
    free(doc);
    /* too many notes, too many items inside an item */
    size_t count = ISCG_DATASET_MAX_NOTES + 1, at = 0;
    char *many = malloc(count * 3 + 128);
    ck_assert_ptr_nonnull(many);
    at += (size_t)sprintf(many, "{\"format\": \"iscg-dataset\", \"version\": 1, \"notes\": [");
    for (size_t i = 0; i < count; i++)
        at += (size_t)sprintf(many + at, "%s\"\"", i ? "," : "");
    snprintf(many + at, 3, "]}");
    expect_range(many, "notes", 1, 51);
    free(many);
    count = ISCG_DATASET_MAX_NESTED + 1;
    many = malloc(count * 3 + 256);
    ck_assert_ptr_nonnull(many);
    const char *post = "{\"format\": \"iscg-dataset\", \"version\": 1, \"parties\": [{\"id\": \"a\", \"kind\": "
                       "\"STATE\", \"name\": \"A\"}], \"posts\": [{\"id\": \"p\", \"label\": \"P\", \"kind\": \"ISC\", "
                       "\"carrier\": \"a\", \"events\": [";
    at = (size_t)sprintf(many, "%s", post);
    for (size_t i = 0; i < count; i++)
        at += (size_t)sprintf(many + at, "%s{}", i ? "," : "");
    snprintf(many + at, 5, "]}]}");
    expect_range(many, "posts[0].events", 1, (int)strlen(post));
    free(many);
}
END_TEST

/* A report about a file whose name is 4 000 characters long keeps its line,
 * column, field and sentence whole, the name losing its middle. */
START_TEST(test_long_file_names_keep_the_report)
{
    char base[] = "/tmp/iscg-long-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(base));
    char path[4100];
    size_t n = (size_t)snprintf(path, sizeof path, "%s", base);
    char component[201];
    memset(component, 'd', 200);
    component[200] = '\0';
    while (n + 201 + 20 < 4000) {
        n += (size_t)snprintf(path + n, sizeof path - n, "/%s", component);
        ck_assert_int_eq(mkdir(path, 0700), 0);
    }
    size_t dirs_end = n;
    n += (size_t)snprintf(path + n, sizeof path - n, "/");
    while (n < 3990)
        path[n++] = 'f';
    snprintf(path + n, sizeof path - n, "-file.json");
    ck_assert_uint_ge(strlen(path), 4000);
    const char *doc = "{\"format\": \"iscg-dataset\", \"version\": 1,\n \"parties\": [{\"id\": 12}]}";
    write_file(path, doc, strlen(doc));
    iscg_dataset *ds;
    iscg_error e;
    ck_assert_int_eq(iscg_dataset_load_file(&ds, path, &e), ISCG_EPARSE);
    ck_assert_int_eq(e.line, 2);
    ck_assert_int_eq(e.column, 21);
    ck_assert_str_eq(e.field, "parties[0].id");
    const char *tail = ":2:21: parties[0].id: a string was expected, found an integer";
    ck_assert_uint_gt(strlen(e.text), strlen(tail));
    ck_assert_str_eq(e.text + strlen(e.text) - strlen(tail), tail);
    ck_assert_int_eq(strncmp(e.text, "/tmp/iscg-long-", 15), 0);
    ck_assert_ptr_nonnull(strstr(e.text, "ffff-file.json:2:21: "));
    ck_assert_ptr_nonnull(strstr(e.text, "..."));
    ck_assert_uint_lt(strlen(e.text), ISCG_ERROR_TEXT_LENGTH);
    /* the source keeps the start and the end of the name too */
    ck_assert_uint_eq(strlen(e.source), ISCG_ERROR_NAME_LENGTH - 1);
    ck_assert_int_eq(strncmp(e.source, "/tmp/iscg-long-", 15), 0);
    ck_assert_str_eq(e.source + strlen(e.source) - 10, "-file.json");
    ck_assert_ptr_nonnull(strstr(e.source, "..."));
    /* a missing file says so whole */
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(iscg_dataset_load_file(&ds, path, &e), ISCG_EIO);
    const char *missing = "-file.json: cannot be read: No such file or directory";
    ck_assert_str_eq(e.text + strlen(e.text) - strlen(missing), missing);
    while (dirs_end > strlen(base)) {
        path[dirs_end] = '\0';
        ck_assert_int_eq(rmdir(path), 0);
        dirs_end -= 201;
    }
    ck_assert_int_eq(rmdir(base), 0);

    /* a name cut between UTF-8 characters, never inside one */
    char name[3001];
    size_t k = 0;
    while (k + 2 < 2990) {
        memcpy(name + k, "\xc3\xa9", 2); /* é */
        k += 2;
    }
    name[k] = '\0';
    ck_assert_int_eq(iscg_dataset_load_string(&ds, "[", name, &e), ISCG_EPARSE);
    ck_assert_msg(strstr(e.text, "\xc3\xa9...\xc3\xa9") && strstr(e.text, "\xc3\xa9:1:1: not JSON: "), "%s", e.text);
    ck_assert_int_eq(strncmp(e.text, "\xc3\xa9", 2), 0);
    for (size_t i = 0; e.source[i]; i++) /* whole characters only */
        if (e.source[i] == '.')
            ck_assert_int_ne((unsigned char)e.source[i - 1], 0xc3);
    /* one byte more moves each cut to the other half of a character */
    memmove(name + 1, name, k + 1);
    name[0] = 'a';
    ck_assert_int_eq(iscg_dataset_load_string(&ds, "[", name, &e), ISCG_EPARSE);
    const char *dots = strstr(e.text, "...");
    ck_assert_ptr_nonnull(dots);
    ck_assert_int_eq(strncmp(dots + 3, "\xc3\xa9", 2), 0);
    ck_assert_int_ne((unsigned char)dots[-1], 0xc3);

    /* without a report, the status alone */
    ck_assert_int_eq(iscg_dataset_load_file(&ds, "/nonexistent/iscg.json", NULL), ISCG_EIO);
    ck_assert_int_eq(iscg_dataset_load_string(&ds, "[", name, NULL), ISCG_EPARSE);
}
END_TEST

Suite *suite_files(void)
{
    Suite *s = suite_create("files");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_save_under_size_limit_keeps_old_file);
    tcase_add_test(tc, test_save_targets);
    tcase_add_test(tc, test_bounded_reads);
    tcase_add_test(tc, test_nul_bytes_refused);
    tcase_add_test(tc, test_dataset_limits);
    tcase_add_test(tc, test_long_file_names_keep_the_report);
    suite_add_tcase(s, tc);
    return s;
}
