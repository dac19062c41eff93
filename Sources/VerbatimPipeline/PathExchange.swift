#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exchanges two existing paths (files or folders) in one atomic step, so
/// that a report folder is at every moment either the previous one or the
/// new one: `renameat2(RENAME_EXCHANGE)` on Linux, `renamex_np(RENAME_SWAP)`
/// on macOS.
///
/// glibc declares `renameat2` only under `_GNU_SOURCE`, which Swift's Glibc
/// module does not set, so it is looked up at run time. (A C target for one
/// call is not worth it: a C dependency of this module makes fresh builds
/// load libxml2's ICU headers next to Foundation's.)
enum PathExchange {
    /// True when `a` and `b` traded places; false when the system or the file
    /// system cannot (the caller then falls back to two renames).
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else { return false }  // nil is RTLD_DEFAULT
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let atFDCWD: Int32 = -100, renameExchange: UInt32 = 1 << 1
        return renameat2(atFDCWD, a, atFDCWD, b, renameExchange) == 0
        #elseif canImport(Darwin)
        return renamex_np(a, b, UInt32(RENAME_SWAP)) == 0
        #else
        return false
        #endif
    }
}
