#include "byte_scan.h"

#if defined(__SSE2__)
#include <emmintrin.h>

size_t vb_find_either(const uint8_t *p, size_t n, size_t from, uint8_t a, uint8_t b) {
    size_t i = from;
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b);
    for (; i + 16 <= n; i += 16) {
        __m128i c = _mm_loadu_si128((const __m128i *)(p + i));
        int m = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(c, va), _mm_cmpeq_epi8(c, vb)));
        if (m) return i + (size_t)__builtin_ctz((unsigned)m);
    }
    for (; i < n; i++) if (p[i] == a || p[i] == b) return i;
    return n;
}

size_t vb_find_composition_lead(const uint8_t *p, size_t n, size_t from) {
    size_t i = from;
    const __m128i cc = _mm_set1_epi8((char)0xCC), cd = _mm_set1_epi8((char)0xCD), d2 = _mm_set1_epi8((char)0xD2);
    const __m128i e1 = _mm_set1_epi8((char)0xE1), e2 = _mm_set1_epi8((char)0xE2), ef = _mm_set1_epi8((char)0xEF);
    for (; i + 16 <= n; i += 16) {
        __m128i c = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(c, cc), _mm_cmpeq_epi8(c, cd)), _mm_cmpeq_epi8(c, d2));
        m = _mm_or_si128(m, _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(c, e1), _mm_cmpeq_epi8(c, e2)), _mm_cmpeq_epi8(c, ef)));
        int bits = _mm_movemask_epi8(m);
        if (bits) return i + (size_t)__builtin_ctz((unsigned)bits);
    }
    for (; i < n; i++) {
        uint8_t b = p[i];
        if (b == 0xCC || b == 0xCD || b == 0xD2 || b == 0xE1 || b == 0xE2 || b == 0xEF) return i;
    }
    return n;
}

size_t vb_skip_clean_chunks(const uint8_t *p, size_t n, size_t from) {
    size_t i = from;
    if (i == 0) return 0;
    const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F), c2 = _mm_set1_epi8((char)0xC2);
    const __m128i c1 = _mm_set1_epi8((char)0xC1), c0 = _mm_set1_epi8((char)0xC0);
    const __m128i flip = _mm_set1_epi8((char)0x80);
    // Unsigned compares through signed ones: x ^ 0x80.
    const __m128i below20 = _mm_set1_epi8((char)(0x20 ^ 0x80)), fromE0 = _mm_set1_epi8((char)(0xDF ^ 0x80));
    for (; i + 16 <= n; i += 16) {
        __m128i c = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i before = _mm_loadu_si128((const __m128i *)(p + i - 1));
        __m128i s = _mm_xor_si128(c, flip);
        __m128i bad = _mm_cmplt_epi8(s, below20);                          // < 0x20
        bad = _mm_or_si128(bad, _mm_cmpgt_epi8(s, fromE0));                // >= 0xE0
        bad = _mm_or_si128(bad, _mm_cmpeq_epi8(c, del));
        bad = _mm_or_si128(bad, _mm_or_si128(_mm_cmpeq_epi8(c, c0), _mm_or_si128(_mm_cmpeq_epi8(c, c1), _mm_cmpeq_epi8(c, c2))));
        bad = _mm_or_si128(bad, _mm_and_si128(_mm_cmpeq_epi8(c, space), _mm_cmpeq_epi8(before, space)));
        if (_mm_movemask_epi8(bad)) return i;
    }
    return i;
}

size_t vb_find_digit_or_at(const uint8_t *p, size_t n, size_t from) {
    size_t i = from;
    const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9), at = _mm_set1_epi8('@');
    for (; i + 16 <= n; i += 16) {
        __m128i c = _mm_loadu_si128((const __m128i *)(p + i));
        // A digit: c - '0' is 0...9 unsigned, that is, equal to its minimum with 9.
        __m128i d = _mm_sub_epi8(c, zero);
        __m128i m = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(d, nine), d), _mm_cmpeq_epi8(c, at));
        int bits = _mm_movemask_epi8(m);
        if (bits) return i + (size_t)__builtin_ctz((unsigned)bits);
    }
    for (; i < n; i++) if ((p[i] >= '0' && p[i] <= '9') || p[i] == '@') return i;
    return n;
}

size_t vb_find_non_ascii(const uint8_t *p, size_t n, size_t from) {
    size_t i = from;
    for (; i + 16 <= n; i += 16) {
        // The high bit of each byte: set only in the bytes of a character outside ASCII.
        int bits = _mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(p + i)));
        if (bits) return i + (size_t)__builtin_ctz((unsigned)bits);
    }
    for (; i < n; i++) if (p[i] >= 0x80) return i;
    return n;
}

size_t vb_count_scalars(const uint8_t *p, size_t n) {
    size_t i = 0, continuations = 0;
    // A continuation byte is 10xxxxxx: as a signed byte, below -64 (0xC0).
    const __m128i below = _mm_set1_epi8((char)0xC0);
    for (; i + 16 <= n; i += 16) {
        __m128i c = _mm_loadu_si128((const __m128i *)(p + i));
        continuations += (size_t)__builtin_popcount((unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(c, below)));
    }
    for (; i < n; i++) if ((p[i] & 0xC0) == 0x80) continuations++;
    return n - continuations;
}

size_t vb_find_any(const uint8_t *p, size_t n, size_t from, const uint8_t *set, size_t count) {
    size_t i = from;
    if (count > 8) count = 8;
    __m128i wanted[8];
    for (size_t k = 0; k < count; k++) wanted[k] = _mm_set1_epi8((char)set[k]);
    for (; i + 16 <= n; i += 16) {
        __m128i c = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i m = _mm_setzero_si128();
        for (size_t k = 0; k < count; k++) m = _mm_or_si128(m, _mm_cmpeq_epi8(c, wanted[k]));
        int bits = _mm_movemask_epi8(m);
        if (bits) return i + (size_t)__builtin_ctz((unsigned)bits);
    }
    for (; i < n; i++) for (size_t k = 0; k < count; k++) if (p[i] == set[k]) return i;
    return n;
}

size_t vb_find_xml_control(const uint8_t *p, size_t n, size_t from) {
    size_t i = from;
    const __m128i flip = _mm_set1_epi8((char)0x80), below20 = _mm_set1_epi8((char)(0x20 ^ 0x80));
    const __m128i tab = _mm_set1_epi8(0x09), lf = _mm_set1_epi8(0x0A), cr = _mm_set1_epi8(0x0D);
    for (; i + 16 <= n; i += 16) {
        __m128i c = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i control = _mm_cmplt_epi8(_mm_xor_si128(c, flip), below20);  // < 0x20, unsigned
        __m128i allowed = _mm_or_si128(_mm_cmpeq_epi8(c, tab), _mm_or_si128(_mm_cmpeq_epi8(c, lf), _mm_cmpeq_epi8(c, cr)));
        int m = _mm_movemask_epi8(_mm_andnot_si128(allowed, control));
        if (m) return i + (size_t)__builtin_ctz((unsigned)m);
    }
    for (; i < n; i++) if (p[i] < 0x20 && p[i] != 0x09 && p[i] != 0x0A && p[i] != 0x0D) return i;
    return n;
}

#else

size_t vb_find_either(const uint8_t *p, size_t n, size_t from, uint8_t a, uint8_t b) {
    for (size_t i = from; i < n; i++) if (p[i] == a || p[i] == b) return i;
    return n;
}

size_t vb_find_composition_lead(const uint8_t *p, size_t n, size_t from) {
    for (size_t i = from; i < n; i++) {
        uint8_t b = p[i];
        if (b == 0xCC || b == 0xCD || b == 0xD2 || b == 0xE1 || b == 0xE2 || b == 0xEF) return i;
    }
    return n;
}

size_t vb_skip_clean_chunks(const uint8_t *p, size_t n, size_t from) {
    (void)p; (void)n;
    return from;
}

size_t vb_find_digit_or_at(const uint8_t *p, size_t n, size_t from) {
    for (size_t i = from; i < n; i++) if ((p[i] >= '0' && p[i] <= '9') || p[i] == '@') return i;
    return n;
}

size_t vb_find_non_ascii(const uint8_t *p, size_t n, size_t from) {
    for (size_t i = from; i < n; i++) if (p[i] >= 0x80) return i;
    return n;
}

size_t vb_count_scalars(const uint8_t *p, size_t n) {
    size_t continuations = 0;
    for (size_t i = 0; i < n; i++) if ((p[i] & 0xC0) == 0x80) continuations++;
    return n - continuations;
}

size_t vb_find_any(const uint8_t *p, size_t n, size_t from, const uint8_t *set, size_t count) {
    if (count > 8) count = 8;
    for (size_t i = from; i < n; i++) for (size_t k = 0; k < count; k++) if (p[i] == set[k]) return i;
    return n;
}

size_t vb_find_xml_control(const uint8_t *p, size_t n, size_t from) {
    for (size_t i = from; i < n; i++) if (p[i] < 0x20 && p[i] != 0x09 && p[i] != 0x0A && p[i] != 0x0D) return i;
    return n;
}

#endif
