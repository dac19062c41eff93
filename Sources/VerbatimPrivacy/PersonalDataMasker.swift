import VerbatimCore

/// Replaces personal data in text that leaves a run (report verbatims,
/// evidence, rejected rows) with typed placeholders: `[email]`, `[phone]`,
/// `[card]`, `[iban]`, `[national_id]`.
///
/// The rules come from `lexicons/pii/*.tsv` (`MaskingRules`). E-mail
/// addresses are found around each `@`; everything else is a run of digit
/// and letter groups joined by up to three separators (space, `.`, `-`,
/// `/`, brackets, no-break spaces), matched group-aligned against every
/// rule's shape, the longest match first, and masked only when the rule's
/// check passes (Luhn, mod 97, the national-ID check digits). So `45
/// dakika`, `2.500 TL` and an order number with a wrong check digit stay.
/// A rule without a check (phone numbers) matches only a number that begins
/// or ends where its run of digit groups does, never the middle of a longer
/// number. A sum written in thousands beside a currency (`99 000 000 төгрөг`) is not
/// personal data (`AmountRun`).
///
/// Works on the UTF-8 bytes, linear in the text's length; a text with no
/// `@` and no stretch holding as many digits as a rule needs (most
/// evidence strings) is returned as it is after one pass, without allocating.
public struct PersonalDataMasker: Sendable {
    /// The longest candidate a shape may match (an IBAN is at most 34 characters).
    public static let maxCandidate = 40
    /// Separator characters allowed between two groups of one number.
    static let maxSeparators = 3

    public let rules: [MaskingRule]
    /// The currency words and signs (`төгрөг`, `₮`), lower-cased, that make a number in thousands an amount.
    public let amountWords: [String]
    let masksEmail: Bool
    let numberRules: [MaskingRule]
    /// Indices into `numberRules` by candidate length (0…maxCandidate), in priority order.
    let rulesByLength: [[Int]]
    /// The fewest digits any number rule needs: a text with fewer is not scanned for numbers.
    let minDigits: Int
    /// The most letters a number may begin with (`TR`, `УБ`): a longer word starts nothing.
    let maxLeadingLetters: Int

    public init(rules: [MaskingRule], amountWords: [String] = []) {
        self.rules = rules
        self.amountWords = amountWords.map { $0.lowercased() }
        masksEmail = rules.contains { $0.kind == .email }
        // When two rules match the same number, the one with the stronger check names it.
        let order: [MaskingKind] = [.iban, .nationalId, .card, .phone]
        let numbers = rules.filter { $0.kind != .email }.enumerated()
            .sorted { a, b in
                let ka = order.firstIndex(of: a.element.kind)!, kb = order.firstIndex(of: b.element.kind)!
                return ka != kb ? ka < kb : a.offset < b.offset
            }
            .map(\.element)
        numberRules = numbers
        rulesByLength = (0...Self.maxCandidate).map { n in numbers.indices.filter { numbers[$0].lengths.contains(n) } }
        minDigits = numbers.map(\.requiredDigits).min() ?? 0
        maxLeadingLetters = numbers.map(\.leadingLetters).max() ?? 0
    }

    /// The text with every span found replaced by its placeholder.
    public func mask(_ text: String) -> String {
        let found = spans(in: text)
        guard !found.isEmpty else { return text }
        var out: [UInt8] = []
        var text = text
        text.withUTF8 { bytes in
            out.reserveCapacity(bytes.count)
            var at = 0
            // `spans` never overlap; one that did would be left as written rather than take the run down.
            for s in found where s.range.lowerBound >= at {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[at..<s.range.lowerBound]))
                out.append(contentsOf: s.kind.placeholder.utf8)
                at = s.range.upperBound
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[at...]))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The personal data in `text`: byte ranges into its UTF-8, in order, not overlapping.
    public func spans(in text: String) -> [MaskedSpan] {
        var text = text
        return text.withUTF8 { bytes in
            let (digits, at) = Self.mostDigitsInARun(bytes)
            let emails = masksEmail && at ? Self.emails(bytes) : []
            let numbers = numberRules.isEmpty || digits < minDigits ? [] : numberSpans(bytes, avoiding: emails)
            if emails.isEmpty { return numbers }
            return (emails + numbers).sorted { $0.range.lowerBound < $1.range.lowerBound }
        }
    }

    /// The most digits between two characters that end a number (`,` `;` `:`
    /// `*` `[` …; never fewer than the masker would find), and whether there is an `@`.
    static func mostDigitsInARun(_ bytes: UnsafeBufferPointer<UInt8>) -> (digits: Int, at: Bool) {
        var most = 0, run = 0, at = false
        var i = 0
        while i < bytes.count {
            // With no run open, nothing before the next digit or `@` counts: skipped sixteen bytes at a time.
            if run == 0 {
                i = ByteScan.firstDigitOrAt(in: bytes, from: i)
                if i == bytes.count { break }
            }
            switch bytes[i] {
            case 0x30...0x39: run += 1
            case 0x41...0x5A, 0x61...0x7A, 0x20, 0x2E, 0x2D, 0x2F, 0x28, 0x29, 0x2B, 0x80...0xFF: break
            case 0x40: at = true; fallthrough
            default:
                most = max(most, run)
                run = 0
            }
            i += 1
        }
        return (max(most, run), at)
    }

    /// Numbers: for each group, the longest run of connected groups that some rule matches.
    func numberSpans(_ bytes: UnsafeBufferPointer<UInt8>, avoiding emails: [MaskedSpan]) -> [MaskedSpan] {
        let groups = GroupScanner.groups(bytes)
        guard !groups.isEmpty else { return [] }
        var out: [MaskedSpan] = []
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maxCandidate + 1) { buffer in
            withUnsafeTemporaryAllocation(of: (group: Int, length: Int).self, capacity: Self.maxCandidate + 1) { ends in
                var s = 0
                while s < groups.count {
                    if groups[s].kind != .digit, groups[s].length > maxLeadingLetters {
                        s += 1
                        continue
                    }
                    if let end = AmountRun.end(from: s, groups, bytes, words: amountWords) ?? DateRun.end(from: s, groups, bytes) {
                        s = end + 1
                        continue
                    }
                    if let match = longestMatch(from: s, groups, bytes, buffer, ends),
                       !emails.contains(where: { $0.range.overlaps(match.span.range) }) {
                        out.append(match.span)
                        s = match.lastGroup + 1
                    } else {
                        s += 1
                    }
                }
            }
        }
        return out
    }

    /// The longest match starting at group `s` (with the `+` before it when there is one, else without).
    func longestMatch(
        from s: Int, _ groups: [Group], _ bytes: UnsafeBufferPointer<UInt8>,
        _ buffer: UnsafeMutableBufferPointer<UInt8>, _ ends: UnsafeMutableBufferPointer<(group: Int, length: Int)>
    ) -> (span: MaskedSpan, lastGroup: Int)? {
        for attempt in 0..<(groups[s].plus ? 2 : 1) {
            let withPlus = groups[s].plus && attempt == 0
            var length = 0
            if withPlus { buffer[0] = UInt8(ascii: "+"); length = 1 }
            var count = 0
            var e = s
            while e < groups.count, e == s || groups[e].connected, length + groups[e].length <= Self.maxCandidate {
                length += GroupScanner.normalise(groups[e], bytes, into: buffer, at: length)
                ends[count] = (e, length)
                count += 1
                e += 1
            }
            for k in stride(from: count - 1, through: 0, by: -1) {
                let candidate = UnsafeBufferPointer(rebasing: buffer[0..<ends[k].length])
                let last = ends[k].group
                // A number without a check is not taken from inside a longer run of digit groups
                // (`… 1978 6457 8413 27`): it must begin or end where the digits do.
                let bounded = GroupScanner.startsDigits(groups, s) || GroupScanner.endsDigits(groups, last)
                guard let r = rulesByLength[candidate.count].first(where: { (numberRules[$0].check != .none || bounded) && numberRules[$0].matches(candidate) })
                else { continue }
                let rule = numberRules[r]
                var start = groups[s].start - (withPlus ? 1 : 0)
                let end = groups[last].end
                // "(0532) 123 45 67": take the opening bracket along with the closing one.
                if start > 0, bytes[start - 1] == UInt8(ascii: "("), bytes[start..<end].contains(UInt8(ascii: ")")) { start -= 1 }
                return (MaskedSpan(range: start..<end, kind: rule.kind), last)
            }
        }
        return nil
    }
}

/// One masked stretch of a text: its UTF-8 byte range and what it was.
public struct MaskedSpan: Sendable, Hashable {
    public var range: Range<Int>
    public var kind: MaskingKind
}

extension PersonalDataMasker {
    /// For the pieces (tokens) of `text`, in order, what each is part of: nil
    /// where it is not personal data, `.phone` for each of `0532`, `123`, `45`,
    /// `67`. Each piece is found in the text after the one before; a piece
    /// that cannot be found there is judged on its own.
    public func kinds(ofPieces pieces: [String], in text: String) -> [MaskingKind?] {
        let found = spans(in: text)
        let bytes = Array(text.utf8)
        var out: [MaskingKind?] = []
        out.reserveCapacity(pieces.count)
        var cursor = 0
        for p in pieces {
            let needle = Array(p.utf8)
            guard !needle.isEmpty, let at = Self.find(needle, in: bytes, from: cursor) else {
                out.append(spans(in: p).first?.kind)
                continue
            }
            let range = at..<(at + needle.count)
            cursor = range.upperBound
            out.append(found.first { $0.range.overlaps(range) }?.kind)
        }
        return out
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count - from else { return nil }
        var k = from
        while k + needle.count <= haystack.count {
            if haystack[k] == needle[0], haystack[k..<(k + needle.count)].elementsEqual(needle) { return k }
            k += 1
        }
        return nil
    }
}
