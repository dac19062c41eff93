#define _GNU_SOURCE
#include "legacy_workbook.h"
#include <freexl.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

// The child only: plain C, FreeXL, write(2) and _exit(2). The child is this same executable run
// anew (`/proc/self/exe`), stopped by `child_entry` before its `main`: a fresh process holds no lock
// another thread of the parent had taken, as a child forked from a threaded parent may (FreeXL
// calls `iconv_open`, which takes glibc's locks and may load a module).

static void put(const void *bytes, size_t count) {
    const uint8_t *p = bytes;
    while (count > 0) {
        ssize_t n = write(STDOUT_FILENO, p, count);  // the pipe, made the child's standard output
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) _exit(3);  // the parent stopped reading
        p += n;
        count -= (size_t)n;
    }
}

static void put_tag(char tag) { put(&tag, 1); }
static void put_u32(uint32_t v) { uint8_t b[4] = {v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, v >> 24}; put(b, 4); }
static void put_text(const char *s) { size_t n = s ? strlen(s) : 0; put_u32((uint32_t)n); if (n) put(s, n); }

static void fail(const void *handle, int code) {
    put_tag('E');
    put_u32((uint32_t)code);
    if (handle) freexl_close(handle);
    _exit(0);
}

static void dump(const char *path, const char *sheet) {
    const void *handle = NULL;
    int r = freexl_open(path, &handle);
    if (r != FREEXL_OK) fail(handle, r);
    unsigned int password = 0;
    if (freexl_get_info(handle, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK && password == FREEXL_BIFF_OBFUSCATED) {
        put_tag('P');
        freexl_close(handle);
        _exit(0);
    }
    unsigned int codepage = 0, count = 0;
    freexl_get_info(handle, FREEXL_BIFF_CODEPAGE, &codepage);
    freexl_get_info(handle, FREEXL_BIFF_SHEET_COUNT, &count);
    if (count > 0xFFFF) count = 0xFFFF;
    put_tag('I');
    put_u32(codepage);
    put_u32(count);
    int chosen = sheet ? -1 : 0;
    for (unsigned int k = 0; k < count; k++) {
        const char *name = NULL;
        if (freexl_get_worksheet_name(handle, (unsigned short)k, &name) != FREEXL_OK) name = NULL;
        put_tag('N');
        put_text(name);
        if (sheet && chosen < 0 && name && strcmp(name, sheet) == 0) chosen = (int)k;
    }
    if (count == 0 || chosen < 0) {
        put_tag('M');
        freexl_close(handle);
        _exit(0);
    }
    if ((r = freexl_select_active_worksheet(handle, (unsigned short)chosen)) != FREEXL_OK) fail(handle, r);
    unsigned int rows = 0;
    unsigned short columns = 0;
    if ((r = freexl_worksheet_dimensions(handle, &rows, &columns)) != FREEXL_OK) fail(handle, r);
    put_tag('D');
    put_u32((uint32_t)chosen);
    put_u32(rows);
    put_u32(columns);
    for (unsigned int row = 0; row < rows; row++) {
        put_tag('R');
        for (unsigned short column = 0; column < columns; column++) {
            FreeXL_CellValue cell;
            r = freexl_get_cell_value(handle, row, column, &cell);
            if (r != FREEXL_OK) { put_tag('e'); put_u32((uint32_t)r); continue; }
            switch (cell.type) {
            case FREEXL_CELL_INT: put_tag('i'); put_u32((uint32_t)cell.value.int_value); break;
            case FREEXL_CELL_DOUBLE: {
                uint64_t bits;
                memcpy(&bits, &cell.value.double_value, 8);
                put_tag('d');
                put_u32((uint32_t)(bits & 0xFFFFFFFFu));
                put_u32((uint32_t)(bits >> 32));
                break;
            }
            case FREEXL_CELL_TEXT: case FREEXL_CELL_SST_TEXT: case FREEXL_CELL_DATE: case FREEXL_CELL_DATETIME: case FREEXL_CELL_TIME:
                put_tag('t');
                put_text(cell.value.text_value);
                break;
            default: put_tag('n'); break;
            }
        }
    }
    put_tag('Z');
    freexl_close(handle);
    _exit(0);
}

/// The first argument that makes a run of this executable the reader of one workbook, not itself.
static const char child_marker[] = "--verbatim-legacy-workbook-child";

/// Run by the loader before `main` (glibc passes an ELF constructor `argc`, `argv` and `envp`): in a
/// child started by `legacy_workbook_spawn` (argv: name, marker, path[, sheet]) it reads the workbook
/// to standard output and exits; in every other run it returns at once.
__attribute__((constructor)) static void child_entry(int argc, char **argv, char **envp) {
    (void)envp;
    if (argc < 3 || argc > 4 || argv == NULL || argv[1] == NULL || strcmp(argv[1], child_marker) != 0) return;
    // A parent that stops reading closes the pipe: the child's next write fails (EPIPE), not kills.
    signal(SIGPIPE, SIG_IGN);
    dump(argv[2], argc == 4 ? argv[3] : NULL);
    _exit(0);
}

extern char **environ;

/// Starts this executable anew as the reader, its standard output the pipe's writing end.
static int spawn_reader(const char *path, const char *sheet, int write_fd, pid_t *child) {
    posix_spawn_file_actions_t actions;
    int r = posix_spawn_file_actions_init(&actions);
    if (r != 0) return r;
    r = posix_spawn_file_actions_adddup2(&actions, write_fd, STDOUT_FILENO);
    if (r == 0) {
        char *argv[] = {"verbatim-legacy-workbook", (char *)child_marker, (char *)path, (char *)sheet, NULL};
        r = posix_spawn(child, "/proc/self/exe", &actions, NULL, argv, environ);
    }
    posix_spawn_file_actions_destroy(&actions);
    return r;
}

int legacy_workbook_spawn(const char *path, const char *sheet, int *fd, pid_t *pid) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) return -1;
    pid_t child = 0;
    int r = spawn_reader(path, sheet, pipe_fds[1], &child);
    close(pipe_fds[1]);
    if (r != 0) {
        close(pipe_fds[0]);
        errno = r;
        return -1;
    }
    *fd = pipe_fds[0];
    *pid = child;
    return 0;
}
