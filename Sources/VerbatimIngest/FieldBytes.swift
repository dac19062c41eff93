import Foundation
import VerbatimCore

/// The values of one row or element, by record field, as UTF-8 bytes lent for one call:
/// what `RecordAssembler` validates into a record. The CSV reader points them into its row
/// buffer, so no `String` is made for a field before the record is (and none for a date
/// or a rating, which are read from their bytes). The pointers are valid only inside the
/// closure that lends them: a `FieldBytes` is never stored.
typealias FieldBytes = RecordFieldValues<UnsafeBufferPointer<UInt8>>

extension RecordFieldValues<UnsafeBufferPointer<UInt8>> {
    /// `bytes` without the ASCII bytes `isBlank` accepts at either end (in valid UTF-8 an
    /// ASCII byte is a whole scalar, so this trims scalars as `String` trimming does).
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ isBlank: (UInt8) -> Bool) -> UnsafeBufferPointer<UInt8> {
        var lo = 0, hi = bytes.count
        while lo < hi, isBlank(bytes[lo]) { lo += 1 }
        while hi > lo, isBlank(bytes[hi - 1]) { hi -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[lo..<hi])
    }

    /// A name as a `String`, trimmed, and composed (NFC) when it may hold a decomposed letter: `Ayşe`
    /// typed as `s` + U+0327 on one export and as `ş` on another is one employee, in the history store
    /// (which compares bytes) as in the run's tables (which compare strings). Most names hold no
    /// combining mark and are not looked at again.
    func nameString(_ field: RecordField) -> String? {
        guard let b = self[field] else { return nil }
        let t = Self.trimmed(b, Self.isSpaceOrTab)
        if t.isEmpty { return nil }
        let s = String(decoding: t, as: UTF8.self)
        return ByteScan.mayNeedComposition(t) ? s.precomposedStringWithCanonicalMapping : s
    }

    /// The field's bytes as a `String`, trimmed of spaces and tabs; nil when nothing is left.
    func trimmedString(_ field: RecordField) -> String? {
        guard let b = self[field] else { return nil }
        let t = Self.trimmed(b, Self.isSpaceOrTab)
        return t.isEmpty ? nil : String(decoding: t, as: UTF8.self)
    }

    static func isSpaceOrTab(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    /// What a text is trimmed of: spaces, tabs and line ends.
    static func isBlankOrNewline(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
}
