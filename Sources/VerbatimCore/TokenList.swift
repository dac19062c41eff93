#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A record's tokens and the one byte buffer their text lives in.
///
/// The buffer starts with the normalized text itself, so that a word's surface is a range of it; the
/// forms the tokenizer and the stages work out (folded, squeezed, transliterated, `<n>`) are appended
/// after it. A token holds byte ranges into the buffer (`Token.form`, `.surface`, `.alternative`), so
/// tokens are plain values, and a stage reads a word's bytes in place (`withForm`, `formEquals`) where it
/// used to copy, retain and release a `String` per word. Text is decoded into a `String` only where one
/// is written (`form(_:)`, `surface(_:)`: evidence, `--explain`).
///
/// A form changes only through `setForm` and `setAlternative`, which forget the look-up made for the old
/// one (a word split in two gets new tokens, `word(like:text:)`). Bytes are only ever appended: a span
/// stays good for the life of the list.
public struct TokenList: Sendable, RandomAccessCollection, MutableCollection {
    /// The text, then every form appended since.
    @usableFromInline var bytes: [UInt8]
    @usableFromInline var elements: [Token] = []

    /// An empty list, with no text.
    public init() { bytes = [] }

    /// An empty list over `text`: spans `0..<text.utf8.count` are the text's own bytes.
    public init(text: String) {
        bytes = []
        // Room for the forms too, made once: the text is copied in once, not again when they are appended.
        bytes.reserveCapacity(text.utf8.count * 2 + 16)
        UTF8Bytes.withBytes(text) { bytes.append(contentsOf: $0) }
    }

    /// A list of words and other tokens given as strings (data files, hashtag parts, tests): each token's
    /// form and surface are appended to the bytes.
    public init(_ tokens: [(kind: Token.Kind, form: String, surface: String)]) {
        self.init()
        for t in tokens { append(kind: t.kind, form: t.form, surface: t.surface) }
    }

    // MARK: Collection

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { elements.count }
    @inlinable public var count: Int { elements.count }

    @inlinable public subscript(i: Int) -> Token {
        get { elements[i] }
        _modify { yield &elements[i] }
    }

    @inlinable public mutating func reserveCapacity(_ n: Int) { elements.reserveCapacity(n) }

    /// Adds a token whose spans are already in the bytes.
    @inlinable @inline(__always) public mutating func append(_ token: Token) { elements.append(token) }

    /// Adds a token whose form and surface are appended to the bytes.
    public mutating func append(kind: Token.Kind, form: String, surface: String, clause: Int = 0, emphasis: Emphasis = []) {
        let surfaceSpan = add(surface)
        let formSpan = form == surface ? surfaceSpan : add(form)
        elements.append(Token(kind: kind, form: formSpan, surface: surfaceSpan, clause: clause, emphasis: emphasis))
    }

    /// Drops the tokens and the bytes (a record lets them go once its stages are done).
    public mutating func removeAll() {
        elements = []
        bytes = []
    }

    /// Token `i` alone, as a list of its own to look up (the bytes are shared until one list writes).
    public func alone(_ i: Int) -> TokenList {
        var one = self
        one.elements = [elements[i]]
        return one
    }

    /// Replaces the tokens, keeping the bytes (the spans of `tokens` point into them).
    public mutating func replaceTokens(with tokens: [Token]) { elements = tokens }

    // MARK: Bytes

    /// The most bytes of text a list holds (the largest record a pipeline reads, `max_record_bytes`):
    /// with the forms appended after it, every span stays within the 32 bits a `ByteSpan` counts in.
    public static let maxTextBytes = 1 << 30

    /// Appends bytes, and returns where they are. (Bytes that would reach past what a span can count
    /// are not kept: an empty span. Only a text near `maxTextBytes` with long forms can get there.)
    @inlinable @inline(__always) public mutating func add(_ p: UnsafeBufferPointer<UInt8>) -> ByteSpan {
        guard bytes.count + p.count <= Int(UInt32.max) else { return ByteSpan(start: 0, count: 0) }
        let span = ByteSpan(start: bytes.count, count: p.count)
        bytes.append(contentsOf: p)
        return span
    }

    /// Appends a string's bytes, and returns where they are.
    @inlinable @inline(__always) public mutating func add(_ s: String) -> ByteSpan {
        UTF8Bytes.withBytes(s) { add($0) }
    }

    /// Calls `body` with the bytes of `span`, in place.
    @inlinable @inline(__always) public func withBytes<R>(_ span: ByteSpan, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(start: all.baseAddress.map { $0 + Int(span.start) }, count: Int(span.count)))
        }
    }

    /// The text of `span`.
    @inlinable public func string(_ span: ByteSpan) -> String { withBytes(span) { UTF8Bytes.string(valid: $0) } }

    /// Whether `span` holds exactly the bytes of `s`.
    @inlinable @inline(__always) public func equals(_ span: ByteSpan, _ s: String) -> Bool {
        guard Int(span.count) == s.utf8.count else { return false }
        return withBytes(span) { UTF8Bytes.equal(s, $0) }
    }

    // MARK: A token's text

    /// Calls `body` with the bytes of token `i`'s lookup form.
    @inlinable @inline(__always) public func withForm<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { withBytes(elements[i].form, body) }

    /// Calls `body` with the bytes of token `i`'s surface.
    @inlinable @inline(__always) public func withSurface<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { withBytes(elements[i].surface, body) }

    /// Token `i`'s lookup form.
    @inlinable public func form(_ i: Int) -> String { string(elements[i].form) }

    /// Token `i`'s surface, as written.
    @inlinable public func surface(_ i: Int) -> String { string(elements[i].surface) }

    /// Token `i`'s alternative form (an elongated word's runs squeezed to two letters), if any.
    public func alternative(_ i: Int) -> String? { elements[i].alternative.map(string) }

    /// Whether token `i`'s lookup form is `s`.
    @inlinable @inline(__always) public func formEquals(_ i: Int, _ s: String) -> Bool { equals(elements[i].form, s) }

    /// Whether token `i` is a comma, which ends a negation's reach and an aspect segment.
    @inlinable @inline(__always) public func isComma(at i: Int) -> Bool { isPunctuation(at: i, 0x2C) }

    /// Whether token `i` is the punctuation mark of the one ASCII byte `mark` (`!`, `(`), read from its byte.
    @inlinable @inline(__always) public func isPunctuation(at i: Int, _ mark: UInt8) -> Bool {
        let t = elements[i]
        return t.kind == .punctuation && t.form.count == 1 && bytes[Int(t.form.start)] == mark
    }

    /// Every token's lookup form, in order.
    public var forms: [String] { indices.map(form) }

    /// Every token's surface, in order.
    public var surfaces: [String] { indices.map(surface) }

    /// The lookup forms of the tokens for which `include` holds, in order.
    public func forms(where include: (Token) -> Bool) -> [String] { indices.filter { include(self[$0]) }.map(form) }

    /// The surfaces of the tokens for which `include` holds, in order.
    public func surfaces(where include: (Token) -> Bool) -> [String] { indices.filter { include(self[$0]) }.map(surface) }

    // MARK: Changing a token's text

    /// Gives token `i` a new lookup form, and forgets the look-up made for the old one.
    public mutating func setForm(_ i: Int, _ s: String) {
        let span = add(s)
        setForm(i, span: span)
    }

    /// Gives token `i` the lookup form at `span` of these bytes, and forgets the look-up made for the old one.
    public mutating func setForm(_ i: Int, span: ByteSpan) {
        elements[i].form = span
        forgetLookUp(i)
    }

    /// Gives token `i` a new alternative form (or none), and forgets the look-up made for the old one.
    public mutating func setAlternative(_ i: Int, _ s: String?) {
        let span = s.map { add($0) }
        setAlternative(i, span: span)
    }

    /// Gives token `i` the alternative form at `span` of these bytes, and forgets the look-up made for the old one.
    public mutating func setAlternative(_ i: Int, span: ByteSpan?) {
        elements[i].alternative = span
        forgetLookUp(i)
    }

    /// What was worked out for token `i`'s old forms: its mark, and that they were the tokenizer's.
    private mutating func forgetLookUp(_ i: Int) {
        elements[i].lookup = TermLookup()
        elements[i].formIsTokenizers = false
    }

    /// A copy of `token` written as `text` (form and surface, no alternative): a part of a word split in
    /// two. What was worked out for the whole word is forgotten; the text is appended to the bytes.
    public mutating func word(like token: Token, text: String) -> Token {
        var t = token
        let span = add(text)
        t.form = span
        t.surface = span
        t.alternative = nil
        t.lookup = TermLookup()
        t.keepsFormsIn = 0
        t.formIsTokenizers = false
        return t
    }
}

/// Two lists are equal when their tokens are, each with the same text (form, surface, alternative) and
/// the same kind, clauses, emphasis and marks: where in the bytes the text stands does not count, nor
/// whether a form is still the tokenizer's (`formIsTokenizers`, a hint for the memos).
extension TokenList: Equatable {
    public static func == (a: TokenList, b: TokenList) -> Bool {
        guard a.count == b.count else { return false }
        for i in a.indices {
            var x = a[i], y = b[i]
            guard sameText(a, x.form, b, y.form), sameText(a, x.surface, b, y.surface) else { return false }
            switch (x.alternative, y.alternative) {
            case (nil, nil): break
            case let (p?, q?): guard sameText(a, p, b, q) else { return false }
            default: return false
            }
            let none = ByteSpan(start: 0, count: 0)
            (x.form, x.surface, x.alternative, x.formIsTokenizers) = (none, none, nil, false)
            (y.form, y.surface, y.alternative, y.formIsTokenizers) = (none, none, nil, false)
            guard x == y else { return false }
        }
        return true
    }

    private static func sameText(_ a: TokenList, _ p: ByteSpan, _ b: TokenList, _ q: ByteSpan) -> Bool {
        a.withBytes(p) { x in b.withBytes(q) { y in x.elementsEqual(y) } }
    }
}
