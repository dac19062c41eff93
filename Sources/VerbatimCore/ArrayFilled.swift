extension Array {
    /// `count` copies of `value`, as `Array(repeating:count:)` gives them, for arrays made per record.
    /// That initializer allocates through the standard library's unspecialized
    /// `_allocateBufferUninitialized`, which looks up the array's storage class (generic metadata) on
    /// every call (callgrind: six such arrays a text cost 1,000 instructions more than these); reserving
    /// and appending stays in code specialized for `Element`.
    @inlinable public init(filled value: Element, count: Int) {
        self.init()
        reserveCapacity(count)
        append(contentsOf: repeatElement(value, count: count))
    }
}
