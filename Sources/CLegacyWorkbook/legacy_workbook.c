#define _GNU_SOURCE
#include "legacy_workbook.h"
#include <freexl.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

// The child only: plain C, FreeXL, write(2) and _exit(2) (no Swift runtime, nothing the parent's
// other threads may have held a lock of when it forked, beyond what glibc resets in a child).

static int out_fd = -1;

static void put(const void *bytes, size_t count) {
    const uint8_t *p = bytes;
    while (count > 0) {
        ssize_t n = write(out_fd, p, count);
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

int legacy_workbook_spawn(const char *path, const char *sheet, int *fd, pid_t *pid) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) return -1;
    pid_t child = fork();
    if (child < 0) {
        int saved = errno;
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        errno = saved;
        return -1;
    }
    if (child == 0) {
        close(pipe_fds[0]);
        out_fd = pipe_fds[1];
        // A parent that stops reading closes the pipe: the child's next write fails (EPIPE), not kills.
        signal(SIGPIPE, SIG_IGN);
        dump(path, sheet);
        _exit(0);
    }
    close(pipe_fds[1]);
    *fd = pipe_fds[0];
    *pid = child;
    return 0;
}
