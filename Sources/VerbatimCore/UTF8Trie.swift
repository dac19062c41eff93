/// A trie over the UTF-8 bytes of its keys, for lookups that walk a word's
/// bytes once, without allocating and without the Unicode-normalising
/// hashing and comparison of `String` (all text here is NFC already, so
/// byte equality is string equality).
///
/// `forEachPrefix` reports every key that is a prefix of a word (stems);
/// built over reversed keys (`reversed: true`), it reports suffixes instead.
@frozen
public struct UTF8Trie<Value: Sendable>: Sendable {
    // Nodes live in one flat array, so a lookup chases no pointers and touches no reference counts,
    // and each step of a walk reads one node (16 bytes: its byte, first child, next sibling and value
    // index together, not from four arrays); the root's children are found through a 256-entry table.
    // Node 0 is the root.
    @frozen @usableFromInline struct Node: Sendable {
        @usableFromInline var firstChild: Int32
        @usableFromInline var nextSibling: Int32
        @usableFromInline var valueIndex: Int32
        @usableFromInline var byte: UInt8

        @inlinable init(byte: UInt8, nextSibling: Int32) {
            firstChild = -1
            self.nextSibling = nextSibling
            valueIndex = -1
            self.byte = byte
        }
    }

    @usableFromInline var nodes: [Node] = [Node(byte: 0, nextSibling: -1)]
    @usableFromInline var rootChildren = [Int32](repeating: -1, count: 256)

    // Inlinable so that each client module specialises the trie for its value type:
    // the lookups run per word, and unspecialised generic code is several times slower.
    @usableFromInline var values: [Value] = []
    /// True when keys are stored back to front (a suffix trie).
    public let reversed: Bool

    public init(reversed: Bool = false) { self.reversed = reversed }

    @inlinable public var isEmpty: Bool { values.isEmpty }

    /// Sets the value for `key`; `merge` combines it with an existing one. Returns the value's place: the
    /// same for the same key, and the number of values before it when the key is new.
    @inlinable @discardableResult
    public mutating func insert(_ key: String, _ value: Value, merge: (Value, Value) -> Value = { _, new in new }) -> Int {
        if reversed {
            insertNode(key.utf8.reversed(), value, merge: merge)
        } else {
            insertNode(key.utf8, value, merge: merge)
        }
    }

    /// How many keys have a value.
    @inlinable public var count: Int { values.count }

    /// `insert` over the key's bytes in the order they are stored (no array of them made).
    @inlinable @discardableResult
    mutating func insertNode(_ bytes: some Sequence<UInt8>, _ value: Value, merge: (Value, Value) -> Value) -> Int {
        var node = 0
        for b in bytes {
            if let next = child(node, b) {
                node = next
                continue
            }
            let created = Int32(nodes.count)
            if node == 0 {
                nodes.append(Node(byte: b, nextSibling: -1))
                rootChildren[Int(b)] = created
            } else {
                nodes.append(Node(byte: b, nextSibling: nodes[node].firstChild))
                nodes[node].firstChild = created
            }
            node = Int(created)
        }
        if nodes[node].valueIndex >= 0 {
            let i = Int(nodes[node].valueIndex)
            values[i] = merge(values[i], value)
            return i
        }
        values.append(value)
        nodes[node].valueIndex = Int32(values.count - 1)
        return values.count - 1
    }

    @inlinable @inline(__always)
    func child(_ node: Int, _ b: UInt8) -> Int? {
        if node == 0 {
            let c = rootChildren[Int(b)]
            return c >= 0 ? Int(c) : nil
        }
        var c = nodes[node].firstChild
        while c >= 0 {
            if nodes[Int(c)].byte == b { return Int(c) }
            c = nodes[Int(c)].nextSibling
        }
        return nil
    }

    /// The value stored for exactly `key`.
    @inlinable
    public func value(for key: String) -> Value? {
        // The UTF-8 view is walked directly: a closure over contiguous storage would capture (copy) the trie.
        let utf8 = key.utf8
        var node = 0
        if reversed {
            var k = utf8.endIndex
            while k > utf8.startIndex {
                utf8.formIndex(before: &k)
                guard let n = child(node, utf8[k]) else { return nil }
                node = n
            }
        } else {
            for b in utf8 { guard let n = child(node, b) else { return nil }; node = n }
        }
        let v = nodes[node].valueIndex
        return v >= 0 ? values[Int(v)] : nil
    }

    /// The value stored for exactly the key whose UTF-8 bytes are `key`.
    @inlinable
    public func value(forUTF8 key: UnsafeBufferPointer<UInt8>) -> Value? {
        var node = 0
        if reversed {
            var k = key.count
            while k > 0 { k -= 1; guard let n = child(node, key[k]) else { return nil }; node = n }
        } else {
            for b in key { guard let n = child(node, b) else { return nil }; node = n }
        }
        let v = nodes[node].valueIndex
        return v >= 0 ? values[Int(v)] : nil
    }

    /// Calls `body` with the byte length and value of every key that is a prefix of `word`
    /// (a suffix, for a reversed trie), shortest first, the whole word included.
    @inlinable
    public func forEachPrefix(of word: String, _ body: (_ byteLength: Int, _ value: Value) -> Void) {
        let utf8 = word.utf8
        var node = 0
        var length = 0
        var k = reversed ? utf8.endIndex : utf8.startIndex
        while reversed ? k > utf8.startIndex : k < utf8.endIndex {
            let b: UInt8
            if reversed { utf8.formIndex(before: &k); b = utf8[k] } else { b = utf8[k]; utf8.formIndex(after: &k) }
            guard let n = child(node, b) else { return }
            node = n
            length += 1
            let v = nodes[node].valueIndex
            if v >= 0 { body(length, values[Int(v)]) }
        }
    }

    /// `forEachPrefix(of:_:)` over the UTF-8 bytes of a word.
    @inlinable
    public func forEachPrefix(ofUTF8 word: UnsafeBufferPointer<UInt8>, _ body: (_ byteLength: Int, _ value: Value) -> Void) {
        var node = 0
        var length = 0
        while length < word.count {
            length += 1
            let b = reversed ? word[word.count - length] : word[length - 1]
            guard let n = child(node, b) else { return }
            node = n
            let v = nodes[node].valueIndex
            if v >= 0 { body(length, values[Int(v)]) }
        }
    }
}
