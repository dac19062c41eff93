/// A trie over the UTF-8 bytes of its keys, for lookups that walk a word's
/// bytes once, without allocating and without the Unicode-normalising
/// hashing and comparison of `String` (all text here is NFC already, so
/// byte equality is string equality).
///
/// `forEachPrefix` reports every key that is a prefix of a word (stems);
/// built over reversed keys (`reversed: true`), it reports suffixes instead.
@frozen
public struct UTF8Trie<Value: Sendable>: Sendable {
    @usableFromInline
    struct Node: Sendable {
        @usableFromInline var children: [(byte: UInt8, node: Int32)] = []
        @usableFromInline var value: Int32 = -1
        @usableFromInline init() {}
    }

    // Inlinable so that each client module specialises the trie for its value type:
    // the lookups run per word, and unspecialised generic code is several times slower.
    @usableFromInline var nodes: [Node] = [Node()]
    @usableFromInline var values: [Value] = []
    /// True when keys are stored back to front (a suffix trie).
    public let reversed: Bool

    public init(reversed: Bool = false) { self.reversed = reversed }

    @inlinable public var isEmpty: Bool { values.isEmpty }

    /// Sets the value for `key`; `merge` combines it with an existing one.
    public mutating func insert(_ key: String, _ value: Value, merge: (Value, Value) -> Value = { _, new in new }) {
        var node = 0
        let bytes = reversed ? Array(key.utf8.reversed()) : Array(key.utf8)
        for b in bytes {
            if let next = nodes[node].children.first(where: { $0.byte == b }) {
                node = Int(next.node)
            } else {
                nodes.append(Node())
                let child = nodes.count - 1
                nodes[node].children.append((b, Int32(child)))
                node = child
            }
        }
        if nodes[node].value >= 0 {
            let i = Int(nodes[node].value)
            values[i] = merge(values[i], value)
        } else {
            values.append(value)
            nodes[node].value = Int32(values.count - 1)
        }
    }

    @inlinable @inline(__always)
    func child(_ node: Int, _ b: UInt8) -> Int? {
        for c in nodes[node].children where c.byte == b { return Int(c.node) }
        return nil
    }

    /// The value stored for exactly `key`.
    @inlinable
    public func value(for key: String) -> Value? {
        var node = 0
        if reversed {
            for b in key.utf8.reversed() { guard let n = child(node, b) else { return nil }; node = n }
        } else {
            for b in key.utf8 { guard let n = child(node, b) else { return nil }; node = n }
        }
        let v = nodes[node].value
        return v >= 0 ? values[Int(v)] : nil
    }

    /// Calls `body` with the byte length and value of every key that is a prefix of `word`
    /// (a suffix, for a reversed trie), shortest first, the whole word included.
    @inlinable
    public func forEachPrefix(of word: String, _ body: (_ byteLength: Int, _ value: Value) -> Void) {
        var node = 0
        var length = 0
        func visit(_ b: UInt8) -> Bool {
            guard let n = child(node, b) else { return false }
            node = n
            length += 1
            let v = nodes[node].value
            if v >= 0 { body(length, values[Int(v)]) }
            return true
        }
        if reversed {
            for b in word.utf8.reversed() { if !visit(b) { return } }
        } else {
            for b in word.utf8 { if !visit(b) { return } }
        }
    }
}
