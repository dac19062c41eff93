import Foundation

/// What a masked span was; its placeholder is written in its place (`[phone]`).
public enum MaskingKind: String, Sendable, CaseIterable {
    case email, phone, card, iban
    case nationalId = "national_id"

    /// The text written instead of the personal data.
    public var placeholder: String { "[\(rawValue)]" }
}

/// One masking rule of `lexicons/pii/*.tsv`: a shape that a run of digits and
/// letters must have, and the check it must pass.
///
/// Shapes are written as the number is usually grouped, spaces ignored:
/// `+90 5dd ddd dd dd`. `d` is any digit, `a` a digit or Latin letter, `c` an
/// upper-case Cyrillic letter, `[2-4]` one of the digits listed; digits,
/// upper-case Latin letters and `+` stand for themselves; `{n}` or `{n,m}`
/// after an item repeats it. A candidate is matched without the separators
/// written between its groups (spaces, dots, dashes, slashes, brackets).
/// The e-mail rule's shape is the word `local@domain`.
public struct MaskingRule: Sendable {
    public var kind: MaskingKind
    public var shape: String
    public var check: MaskingCheck
    /// Where the rule is written, for messages.
    public var file: String
    public var line: Int
    let items: [Item]
    /// Shortest and longest candidate the shape can match.
    let lengths: ClosedRange<Int>

    /// One position of a shape: a set of normalised bytes, repeated `min...max` times.
    struct Item: Sendable {
        var set: ByteSet
        var min: Int
        var max: Int
    }

    /// A set of the bytes a normalised candidate is made of.
    struct ByteSet: Sendable {
        var bits: (UInt64, UInt64) = (0, 0)
        mutating func insert(_ b: UInt8) {
            if b < 64 { bits.0 |= 1 << UInt64(b) } else if b < 128 { bits.1 |= 1 << UInt64(b - 64) }
        }
        var isDigitsOnly: Bool { bits.1 == 0 && bits.0 & ~Self.digits == 0 && bits.0 != 0 }
        var hasDigit: Bool { bits.0 & Self.digits != 0 }
        static let digits: UInt64 = 0x3FF << 0x30
        func contains(_ b: UInt8) -> Bool {
            b < 64 ? bits.0 & (1 << UInt64(b)) != 0 : b < 128 ? bits.1 & (1 << UInt64(b - 64)) != 0 : false
        }
    }

    /// The marker a normalised candidate holds for an upper-case Cyrillic letter.
    static let cyrillicUpper: UInt8 = 0x01
    /// The marker for a lower-case Cyrillic letter (matched by nothing in a shape: register numbers are written in capitals).
    static let cyrillicLower: UInt8 = 0x02

    /// The digits every match holds (items that can only be digits, at their least).
    var requiredDigits: Int {
        items.filter { $0.set.isDigitsOnly }.reduce(0) { $0 + $1.min }
    }

    /// The most letters a match can begin with, before its first digit.
    var leadingLetters: Int {
        var n = 0
        for item in items {
            if item.set.contains(UInt8(ascii: "+")) { continue }
            if item.set.hasDigit { break }
            n += item.max
        }
        return n
    }

    /// Compiles a shape; the error says what is wrong with it, for `verbatim validate`.
    public init(kind: MaskingKind, shape: String, check: MaskingCheck, file: String = "", line: Int = 0) throws(MaskingRuleError) {
        self.kind = kind
        self.shape = shape
        self.check = check
        self.file = file
        self.line = line
        if kind == .email {
            guard shape == "local@domain" else { throw .badShape(shape, "the e-mail rule's shape is written `local@domain`") }
            items = []
            lengths = 0...0
            return
        }
        items = try Self.compile(shape)
        guard !items.isEmpty else { throw .badShape(shape, "the shape is empty") }
        lengths = items.reduce(0) { $0 + $1.min }...items.reduce(0) { $0 + $1.max }
        guard lengths.upperBound <= PersonalDataMasker.maxCandidate else {
            throw .badShape(shape, "it can match up to \(lengths.upperBound) characters; the longest allowed is \(PersonalDataMasker.maxCandidate)")
        }
    }

    static func compile(_ shape: String) throws(MaskingRuleError) -> [Item] {
        var items: [Item] = []
        var chars = Array(shape.unicodeScalars)[...]
        while let c = chars.popFirst() {
            var set = ByteSet()
            switch c {
            case " ": continue
            case "d": for b in UInt8(ascii: "0")...UInt8(ascii: "9") { set.insert(b) }
            case "a":
                for b in UInt8(ascii: "0")...UInt8(ascii: "9") { set.insert(b) }
                for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { set.insert(b) }
            case "c": set.insert(cyrillicUpper)
            case "+", "0"..."9", "A"..."Z": set.insert(UInt8(c.value))
            case "[":
                var members: [Unicode.Scalar] = []
                while let m = chars.popFirst(), m != "]" { members.append(m) }
                var k = 0
                while k < members.count {
                    guard ("0"..."9").contains(members[k]) else { throw .badShape(shape, "only digits and ranges such as [2-4] go between brackets") }
                    if k + 2 < members.count, members[k + 1] == "-" {
                        guard members[k] <= members[k + 2] else { throw .badShape(shape, "the range \(members[k])-\(members[k + 2]) is backwards") }
                        for v in members[k].value...members[k + 2].value { set.insert(UInt8(v)) }
                        k += 3
                    } else {
                        set.insert(UInt8(members[k].value))
                        k += 1
                    }
                }
                guard !members.isEmpty else { throw .badShape(shape, "empty brackets") }
            default:
                throw .badShape(shape, "'\(c)' is not allowed: use d (digit), a (digit or letter), c (Cyrillic capital), [2-4], digits, capitals, + and {n}")
            }
            var item = Item(set: set, min: 1, max: 1)
            if chars.first == "{" {
                chars.removeFirst()
                var body = ""
                while let m = chars.popFirst(), m != "}" { body.unicodeScalars.append(m) }
                let bounds = body.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingSpaces) }
                guard (1...2).contains(bounds.count), let low = bounds[0], let high = bounds.last!, low >= 1, low <= high else {
                    throw .badShape(shape, "'{\(body)}' must be a count {n} or a range {n,m} with 1 ≤ n ≤ m")
                }
                item.min = low
                item.max = high
            }
            items.append(item)
        }
        return items
    }

    /// True when the normalised candidate has this rule's shape and passes its check.
    func matches(_ candidate: UnsafeBufferPointer<UInt8>) -> Bool {
        guard lengths.contains(candidate.count), Self.shapeMatches(items[...], candidate[...]) else { return false }
        return check.passes(Array(candidate))
    }

    static func shapeMatches(_ items: ArraySlice<Item>, _ rest: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let item = items.first else { return rest.isEmpty }
        var taken = 0
        var at = rest.startIndex
        while taken < item.min {
            guard at < rest.endIndex, item.set.contains(rest[at]) else { return false }
            taken += 1
            at += 1
        }
        while true {
            if shapeMatches(items.dropFirst(), rest[at...]) { return true }
            guard taken < item.max, at < rest.endIndex, item.set.contains(rest[at]) else { return false }
            taken += 1
            at += 1
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// A masking rule that cannot be used, with what to write instead.
public enum MaskingRuleError: LocalizedError, Sendable, Equatable, CustomStringConvertible {
    /// The shape column is not a valid shape: the shape as written and what is wrong with it.
    case badShape(String, String)

    public var description: String {
        switch self {
        case let .badShape(shape, why): return "shape '\(shape)': \(why)"
        }
    }

    public var errorDescription: String? { description }
}
