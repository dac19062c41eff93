/// A run of digits, of Latin letters or of Cyrillic letters in a text, as
/// the masker sees it: where it is, how long it is once normalised, and
/// whether it continues the number the group before it started.
struct Group: Sendable {
    enum Class: UInt8, Sendable { case digit, latin, cyrillic }
    var start: Int
    var end: Int
    var kind: Class
    /// Characters once normalised (a Cyrillic letter is two bytes, one character).
    var length: Int
    /// Joined to the group before by nothing (a different class) or by 1–3 separators.
    var connected: Bool
    /// A `+` stands right before the group.
    var plus: Bool
}

/// Splits a text's UTF-8 into `Group`s for the masker.
enum GroupScanner {
    /// What a byte (or the character it starts) is for the scanner.
    enum ByteKind { case group(Group.Class, width: Int), separator(width: Int), plus, breaker(width: Int) }

    static func groups(_ b: UnsafeBufferPointer<UInt8>) -> [Group] {
        var out: [Group] = []
        var i = 0
        var gap = 0  // separator characters since the last group; -1 after a breaker
        var plusAt = -2
        while i < b.count {
            switch kind(b, i) {
            case let .group(cls, width):
                if var last = out.last, last.end == i, last.kind == cls {
                    last.end = i + width
                    last.length += 1
                    out[out.count - 1] = last
                } else {
                    let connected = !out.isEmpty && gap >= 0 && gap <= PersonalDataMasker.maxSeparators
                    out.append(Group(start: i, end: i + width, kind: cls, length: 1, connected: connected, plus: plusAt == i - 1))
                }
                gap = 0
                i += width
            case let .separator(width):
                if gap >= 0 { gap += 1 }
                i += width
            case .plus:
                plusAt = i
                gap = -1
                i += 1
            case let .breaker(width):
                gap = -1
                i += width
            }
        }
        return out
    }

    static func kind(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> ByteKind {
        let c = b[i]
        switch c {
        case 0x30...0x39: return .group(.digit, width: 1)
        case 0x41...0x5A, 0x61...0x7A: return .group(.latin, width: 1)
        case 0x20, 0x2E, 0x2D, 0x2F, 0x28, 0x29: return .separator(width: 1)
        case 0x2B: return .plus
        case 0xD0...0xD3 where i + 1 < b.count:
            return .group(.cyrillic, width: 2)
        case 0xC2 where i + 1 < b.count && b[i + 1] == 0xA0:
            return .separator(width: 2)  // no-break space
        case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && [0x89, 0xAF, 0x90, 0x91, 0x92, 0x93].contains(b[i + 2]):
            return .separator(width: 3)  // thin and narrow no-break spaces, hyphens, en dash
        default:
            return .breaker(width: c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2)
        }
    }

    /// True when group `k` is not a digit group continuing a run of digit groups.
    static func startsDigits(_ groups: [Group], _ k: Int) -> Bool {
        groups[k].kind != .digit || k == 0 || !groups[k].connected || groups[k - 1].kind != .digit
    }

    /// True when no digit group continues the run after group `k`.
    static func endsDigits(_ groups: [Group], _ k: Int) -> Bool {
        groups[k].kind != .digit || k + 1 == groups.count || !groups[k + 1].connected || groups[k + 1].kind != .digit
    }

    /// Writes a group's normalised characters into `buffer` from `at`; returns how many.
    static func normalise(_ g: Group, _ b: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        var n = at
        var i = g.start
        while i < g.end {
            switch g.kind {
            case .digit: buffer[n] = b[i]; i += 1
            case .latin: buffer[n] = b[i] >= 0x61 ? b[i] - 0x20 : b[i]; i += 1
            case .cyrillic:
                let scalar = (UInt32(b[i] & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F)
                buffer[n] = isUpperCyrillic(scalar) ? MaskingRule.cyrillicUpper : MaskingRule.cyrillicLower
                i += 2
            }
            n += 1
        }
        return n - at
    }

    /// Capitals of the Cyrillic block, Kazakh and Mongolian letters included (Ә Ғ Қ Ң Ө Ұ Ү Һ І).
    static func isUpperCyrillic(_ s: UInt32) -> Bool {
        switch s {
        case 0x400...0x42F: return true
        case 0x430...0x45F: return false
        case 0x4C1...0x4CE: return s % 2 == 1
        case 0x4C0: return true
        default: return s % 2 == 0
        }
    }
}
