// Whole-text byte scans, sixteen bytes at a time where SSE2 is available (every x86-64 CPU), byte by
// byte elsewhere. Each returns a position; the Swift callers hold the definitions of what they look
// for and check byte by byte from the returned position.
#ifndef VERBATIM_BYTE_SCAN_H
#define VERBATIM_BYTE_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// The position of the first byte of p[from..<n] equal to `a` or `b`, or n.
size_t vb_find_either(const uint8_t *p, size_t n, size_t from, uint8_t a, uint8_t b);

/// The position of the first byte of p[from..<n] that can start a sequence NFC may change
/// (0xCC 0xCD 0xD2 0xE1 0xE2 0xEF: TextCleaner.mayNeedComposition), or n.
size_t vb_find_composition_lead(const uint8_t *p, size_t n, size_t from);

/// How far from `from` (1 <= from) whole chunks of 16 bytes surely hold nothing TextCleaner would
/// clean: no control character or DEL, no byte that starts a character other than U+0000–U+007F or
/// U+00C0–U+07FF, and no two spaces in a row (the pair that ends at p[from] included). Returns the
/// start of the first chunk that may, or of the last bytes that do not fill a chunk.
size_t vb_skip_clean_chunks(const uint8_t *p, size_t n, size_t from);

/// The position of the first ASCII digit or `@` of p[from..<n], or n.
size_t vb_find_digit_or_at(const uint8_t *p, size_t n, size_t from);

/// The position of the first byte of p[from..<n] that is not ASCII (0x80 or above), or n.
size_t vb_find_non_ascii(const uint8_t *p, size_t n, size_t from);

/// How many of p[0..<n] are not UTF-8 continuation bytes (0x80–0xBF): the number of scalars of valid UTF-8.
size_t vb_count_scalars(const uint8_t *p, size_t n);

/// The position of the first byte of p[from..<n] equal to one of set[0..<count] (count at most 8), or n.
size_t vb_find_any(const uint8_t *p, size_t n, size_t from, const uint8_t *set, size_t count);

/// The first byte at or after `from` that is a control character XML does not allow (below 0x20,
/// not tab, line feed or carriage return), or `n`.
size_t vb_find_xml_control(const uint8_t *p, size_t n, size_t from);

#endif
