#ifndef LEGACY_WORKBOOK_H
#define LEGACY_WORKBOOK_H
#include <sys/types.h>

/// Reads a legacy Excel workbook (.xls) with FreeXL in a child process, so that a workbook that
/// makes FreeXL crash, overrun a buffer or hang takes only the child down: the caller reads the
/// child's answer from `*fd` and reaps `*pid` (waitpid) when done, killing it first if it is still
/// running. The child is the running executable started anew (`posix_spawn` of `/proc/self/exe`),
/// which this library's constructor turns into the reader before `main` runs: any program that
/// links it can read workbooks, with nothing more to install.
///
/// The child writes frames, each a one-byte tag then its fields (integers little-endian):
///   'E' int32 code          FreeXL failed with `code` (opening, selecting, measuring); the end
///   'P'                     the workbook is password-protected (encrypted); the end
///   'I' u32 codepage u32 n  then n names, each 'N' u32 length, bytes (UTF-8)
///   'M'                     the sheet asked for is not one of them; the end
///   'D' u32 index u32 rows u32 columns    the sheet read
///   'R'                     a row starts; its `columns` cells follow, each:
///       'n' (empty) | 'i' int32 | 'd' float64 | 't' u32 length, bytes (UTF-8 text, date or time) | 'e' int32 code
///   'Z'                     the end
/// Everything the child writes is written whole (the parent may stop reading early: the child is
/// then killed). Returns 0, or -1 with errno when the pipe or the process cannot be made (ENOENT
/// when `/proc` is not mounted).
int legacy_workbook_spawn(const char *path, const char *sheet, int *fd, pid_t *pid);

#endif
