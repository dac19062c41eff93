#ifndef VERBATIM_SYSTEM_H
#define VERBATIM_SYSTEM_H

/// Exchanges two existing paths (files or folders) in one atomic step:
/// renameat2(RENAME_EXCHANGE) on Linux, renamex_np(RENAME_SWAP) on macOS.
/// Returns 0, or -1 with errno set (ENOSYS or EINVAL where the system or
/// the file system cannot; the caller then falls back to two renames).
int verbatim_exchange_paths(const char *a, const char *b);

#endif
