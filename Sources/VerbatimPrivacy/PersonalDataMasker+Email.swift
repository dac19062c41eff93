extension PersonalDataMasker {
    /// E-mail addresses: around each `@`, a local part of letters, digits and
    /// `. _ % + -` and a domain of letters, digits, `-` and dots with a final
    /// label of at least two letters. Letters may be non-ASCII (`ayşe@örnek.com.tr`).
    static func emails(_ b: UnsafeBufferPointer<UInt8>) -> [MaskedSpan] {
        var out: [MaskedSpan] = []
        var i = 0
        while i < b.count {
            defer { i += 1 }
            guard b[i] == 0x40, i > 0, !out.contains(where: { $0.range.contains(i) }) else { continue }
            // An address starts after the one before it ends: `a@b.cc@d.ee` is one address and a stray `@`,
            // not two addresses sharing `b.cc` (overlapping spans cannot be replaced).
            let floor = out.last?.range.upperBound ?? 0
            var start = i
            while start > floor, let w = widthBefore(b, start, local: true) { start -= w }
            while start < i, b[start] == 0x2E { start += 1 }
            var end = i + 1
            while end < b.count, let w = widthAt(b, end) { end += w }
            while end > i + 1, b[end - 1] == 0x2E || b[end - 1] == 0x2D { end -= 1 }
            guard start < i, hasTopLevelDomain(b, from: i + 1, to: end) else { continue }
            out.append(MaskedSpan(range: start..<end, kind: .email))
            i = end - 1
        }
        return out
    }

    /// The width of the address character that ends at `end`, or nil.
    static func widthBefore(_ b: UnsafeBufferPointer<UInt8>, _ end: Int, local: Bool) -> Int? {
        let c = b[end - 1]
        if c < 0x80 { return isAddressASCII(c, local: local) ? 1 : nil }
        // A two-byte letter (U+00C0…U+07FF: Latin, Cyrillic): continuation byte, then its lead.
        if c < 0xC0, end >= 2, (0xC3...0xDF).contains(b[end - 2]) { return 2 }
        return nil
    }

    /// The width of the domain character that starts at `at`, or nil.
    static func widthAt(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> Int? {
        let c = b[at]
        if c < 0x80 { return isAddressASCII(c, local: false) ? 1 : nil }
        if (0xC3...0xDF).contains(c), at + 1 < b.count, (0x80...0xBF).contains(b[at + 1]) { return 2 }
        return nil
    }

    static func isAddressASCII(_ c: UInt8, local: Bool) -> Bool {
        switch c {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E: return true
        case 0x5F, 0x25, 0x2B: return local
        default: return false
        }
    }

    /// The domain has a dot and ends in a label of two or more letters.
    static func hasTopLevelDomain(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        guard let dot = (from..<to).last(where: { b[$0] == 0x2E }), dot > from else { return false }
        let label = (dot + 1)..<to
        return label.count >= 2 && label.allSatisfy { b[$0] >= 0x80 || (b[$0] | 0x20) >= 0x61 && (b[$0] | 0x20) <= 0x7A }
    }
}
