import Foundation
import VerbatimCore

/// Cleans raw feedback text before tokenization.
///
/// NFC; HTML tags removed and entities decoded (social-media exports carry
/// them); zero-width characters and other format characters removed;
/// control characters and runs of white space folded to one space.
public enum TextCleaner {
    public static func clean(_ raw: String) -> String {
        var text = raw
        if text.withUTF8({ ByteScan.firstOf(0x3C, 0x26, in: $0) < $0.count }) { text = stripMarkup(text) }
        if mayNeedComposition(text) { text = text.precomposedStringWithCanonicalMapping }
        let original = text
        return text.withUTF8 { p in isClean(p) ? original : fold(p) }
    }

    /// What a scalar becomes in cleaned text.
    private enum Fate { case kept, dropped, space }

    @inline(__always) private static func fate(_ v: UInt32) -> Fate {
        if v < 0x80 { return v <= 0x20 || v == 0x7F ? .space : .kept }
        // Zero-width space/non-joiner, word joiner, BOM, soft hyphen, bidi marks: dropped.
        // ZWJ (U+200D) is kept: it joins emoji sequences.
        if v == 0x200B || v == 0x200C || v == 0x2060 || v == 0xFEFF || v == 0x00AD || (0x200E...0x200F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
            return .dropped
        }
        if v <= 0x9F || ScalarTable.isWhitespace(v) { return .space }
        return .kept
    }

    /// True when cleaning would not change the text: single spaces between non-space scalars only.
    /// Chunks of 16 bytes that can hold nothing to clean are skipped whole (`ByteScan.skipCleanChunks`);
    /// the others, and the tail, are read scalar by scalar.
    private static func isClean(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = p.first, let last = p.last else { return true }
        if first == 0x20 || last == 0x20 { return false }
        var i = 0
        while i < p.count {
            i = ByteScan.skipCleanChunks(in: p, from: i)
            // A chunk may start inside a two-byte letter: read from the letter's first byte.
            while i > 0, i < p.count, p[i] & 0xC0 == 0x80 { i -= 1 }
            guard scalarsAreClean(p, from: &i, to: min(p.count, i + 16)) else { return false }
        }
        return true
    }

    /// `isClean` scalar by scalar from `i` (the start of a character) until `end` or a little past it (the
    /// end of the character at `end - 1`), leaving `i` there.
    @inline(__always) private static func scalarsAreClean(_ p: UnsafeBufferPointer<UInt8>, from i: inout Int, to end: Int) -> Bool {
        var previousSpace = i > 0 && p[i - 1] == 0x20
        while i < end {
            let b = p[i]
            if b > 0x20 && b < 0x7F { previousSpace = false; i += 1; continue }
            if b == 0x20 {
                if previousSpace { return false }
                previousSpace = true; i += 1; continue
            }
            if b < 0x80 { return false }
            // U+00C0…U+07FF (Latin-1's letters, Latin Extended, Greek, Cyrillic…) hold no space, control or
            // invisible character: kept, whatever the second byte.
            if b >= 0xC3 && b <= 0xDF {
                previousSpace = false
                i += 2
                continue
            }
            let (v, len) = UTF8Bytes.decode(p, i)
            if fate(v) != .kept { return false }
            previousSpace = false
            i += len
        }
        return true
    }

    /// Drops what is dropped and folds runs of white space and control characters to one space.
    private static func fold(_ p: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(p.count)
        var pendingSpace = false
        var i = 0
        while i < p.count {
            let (v, len) = UTF8Bytes.decode(p, i)
            switch fate(v) {
            case .dropped: break
            case .space: pendingSpace = !out.isEmpty
            case .kept:
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<(i + len)]))
            }
            i += len
        }
        return UTF8Bytes.string(out)
    }

    /// False when NFC cannot change the text (`ByteScan.mayNeedComposition`).
    static func mayNeedComposition(_ s: String) -> Bool {
        var s = s
        return s.withUTF8(ByteScan.mayNeedComposition)
    }

    /// Removes tags (`<b>`, `<br/>`, `<p class=…>`) and decodes entities.
    static func stripMarkup(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "<", i + 1 < scalars.count, scalars[i + 1].properties.isAlphabetic || scalars[i + 1] == "/" || scalars[i + 1] == "!" {
                // A tag: skip to '>' (bounded look-ahead so "<3" and stray '<' survive).
                var j = i + 1
                while j < scalars.count, j - i < 400, scalars[j] != ">", scalars[j] != "<" { j += 1 }
                if j < scalars.count, scalars[j] == ">" {
                    let name = String(String.UnicodeScalarView(scalars[(i + 1)..<j])).lowercased()
                    if name.hasPrefix("br") || name.hasPrefix("p") || name.hasPrefix("/p") || name.hasPrefix("div") || name.hasPrefix("/div") || name.hasPrefix("li") {
                        out.append(" ")
                    }
                    i = j + 1
                    continue
                }
            }
            if c == "&" {
                var j = i + 1
                while j < scalars.count, j - i < 12, scalars[j] != ";", scalars[j].properties.isAlphabetic || scalars[j].properties.numericType != nil || scalars[j] == "#" { j += 1 }
                if j < scalars.count, scalars[j] == ";", let decoded = decodeEntity(String(String.UnicodeScalarView(scalars[(i + 1)..<j]))) {
                    out.append(decoded)
                    i = j + 1
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return String(out)
    }

    static let namedEntities: [String: UnicodeScalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "laquo": "«", "raquo": "»",
        "hellip": "…", "ndash": "–", "mdash": "—", "rsquo": "’", "lsquo": "‘", "ldquo": "“", "rdquo": "”", "euro": "€",
    ]

    static func decodeEntity(_ body: String) -> UnicodeScalar? {
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            return UInt32(body.dropFirst(2), radix: 16).flatMap(UnicodeScalar.init)
        }
        if body.hasPrefix("#") { return UInt32(body.dropFirst()).flatMap(UnicodeScalar.init) }
        return namedEntities[body.lowercased()]
    }
}
