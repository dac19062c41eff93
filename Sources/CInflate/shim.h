#ifndef CINFLATE_SHIM_H
#define CINFLATE_SHIM_H
#include <zlib.h>

/// `inflateInit2` is a macro, which Swift cannot call: this is the same call as a function.
static inline int cinflate_init(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

#endif
