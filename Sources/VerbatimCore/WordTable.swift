#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a `WordTable` keeps per word: made from the word, which it holds as `key`.
public protocol WordTableEntry {
    init(key: String)
    var key: String { get }
}

/// A bounded table from a word's UTF-8 bytes to what a stage worked out for it, for remembering per
/// thread (`ThreadLocal`) what is costly to work out again: a word's folding, its look-ups.
///
/// It holds `capacity` entries in sets of four: a word may stand in any entry of the set its hash picks,
/// and a new word takes the entry of its set filled longest ago. Memory is fixed whatever the input, and
/// touched only as entries fill. A hit is checked against the word's bytes, never trusted on the hash.
/// Not thread-safe: one table per thread.
public final class WordTable<Entry: WordTableEntry> {
    public static var capacity: Int { 16384 }
    @usableFromInline static var ways: Int { 4 }
    @usableFromInline static var setMask: Int { capacity / ways - 1 }

    /// Per entry, the hash of the word it holds; 0 for an entry never filled (whose `Entry` is not
    /// initialized). Allocated zeroed, so that pages of unused entries are never touched.
    @usableFromInline let hashes: UnsafeMutablePointer<UInt64>
    @usableFromInline let entries: UnsafeMutablePointer<Entry>
    /// Per set, the way that the next new word takes (first in, first out).
    @usableFromInline let nextWay: UnsafeMutablePointer<UInt8>
    /// Per entry, a copy of its word's bytes when they fit in `inlineKeyBytes`, and their count
    /// (`longKey` when they do not): a hit is checked against these, so that finding a word reads no
    /// `String` (reading `key` through the pointer would retain and release it, at every occurrence).
    @usableFromInline let keyBytes: UnsafeMutablePointer<UInt8>
    @usableFromInline let keyCounts: UnsafeMutablePointer<UInt8>
    @usableFromInline static var inlineKeyBytes: Int { 32 }
    @usableFromInline static var longKey: UInt8 { 255 }

    public init() {
        hashes = calloc(Self.capacity, MemoryLayout<UInt64>.stride)!.bindMemory(to: UInt64.self, capacity: Self.capacity)
        nextWay = calloc(Self.capacity / Self.ways, 1)!.bindMemory(to: UInt8.self, capacity: Self.capacity / Self.ways)
        entries = UnsafeMutablePointer<Entry>.allocate(capacity: Self.capacity)
        keyBytes = calloc(Self.capacity, Self.inlineKeyBytes)!.bindMemory(to: UInt8.self, capacity: Self.capacity * Self.inlineKeyBytes)
        keyCounts = calloc(Self.capacity, 1)!.bindMemory(to: UInt8.self, capacity: Self.capacity)
    }

    deinit {
        for k in 0..<Self.capacity where hashes[k] != 0 { (entries + k).deinitialize(count: 1) }
        entries.deallocate()
        free(hashes)
        free(nextWay)
        free(keyBytes)
        free(keyCounts)
    }

    /// Whether entry `k` holds the word of `bytes`.
    @inlinable @inline(__always)
    func holds(_ k: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = keyCounts[k]
        if count == Self.longKey { return UTF8Bytes.equal(entries[k].key, bytes) }
        return Int(count) == bytes.count && (count == 0 || UTF8Bytes.same(keyBytes + k * Self.inlineKeyBytes, bytes.baseAddress!, Int(count)))
    }

    /// Records the bytes of the word that entry `k` now holds.
    @inlinable @inline(__always)
    func keep(_ k: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= Self.inlineKeyBytes else { keyCounts[k] = Self.longKey; return }
        keyCounts[k] = UInt8(bytes.count)
        if let base = bytes.baseAddress { (keyBytes + k * Self.inlineKeyBytes).update(from: base, count: bytes.count) }
    }

    /// The entry of the word of `bytes`, to read and update in place: the one holding it, or a new one
    /// made from `word` (the bytes as a `String`), replacing the entry of its set filled longest ago.
    /// The pointer is good until the next call.
    @inlinable @inline(__always)
    public func entry(_ bytes: UnsafeBufferPointer<UInt8>, word: @autoclosure () -> String) -> UnsafeMutablePointer<Entry> {
        let hash = Self.hash(bytes)
        // The set from bits above the lowest, which `hash` always sets: with it, only odd sets were ever
        // used, half the table, and a corpus of 6,000 distinct words kept evicting its own words.
        let set = Int(truncatingIfNeeded: hash >> 1) & Self.setMask
        let first = set * Self.ways
        for k in first..<(first + Self.ways) where hashes[k] == hash && holds(k, bytes) { return entries + k }
        let k = first + Int(nextWay[set])
        nextWay[set] = (nextWay[set] + 1) % UInt8(Self.ways)
        if hashes[k] == 0 {
            (entries + k).initialize(to: Entry(key: word()))
        } else {
            entries[k] = Entry(key: word())
        }
        hashes[k] = hash
        keep(k, bytes)
        return entries + k
    }

    /// Entry `slot` (`slot(of:)` of an earlier `entry`) when it still holds the word of `bytes`, without
    /// hashing the word again; nil when the slot is out of range or holds another word by now.
    @inlinable @inline(__always)
    public func entry(at slot: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeMutablePointer<Entry>? {
        let k = Int(slot)
        guard k >= 0, k < Self.capacity, hashes[k] != 0, holds(k, bytes) else { return nil }
        return entries + k
    }

    /// The slot of an entry this table returned, for `entry(at:_:)`.
    @inlinable @inline(__always)
    public func slot(of entry: UnsafeMutablePointer<Entry>) -> Int32 { Int32(entries.distance(to: entry)) }

    /// The entry of `word`, as `entry(_:word:)`.
    @inlinable @inline(__always)
    public func entry(_ word: String) -> UnsafeMutablePointer<Entry> {
        UTF8Bytes.withBytes(word) { entry($0, word: word) }
    }

    /// A hash of the bytes, eight at a time (the tail read by loads that overlap the bytes before it,
    /// which with the length determine every byte), mixed by multiplication and shifts; never 0, which
    /// marks an empty entry. It only picks a word's set: a hit is checked against the bytes. (FNV-1a, a
    /// multiplication per byte each waiting for the last, cost a word more than its look-up.)
    @inlinable @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count
        var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        guard let base = bytes.baseAddress else { return h | 1 }
        let p = UnsafeRawPointer(base)
        @inline(__always) func mix(_ v: UInt64) {
            h = (h ^ v) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
        }
        var i = 0
        while i + 8 <= n {
            mix(p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < n {
            if n >= 8 {
                mix(p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
            } else if n >= 4 {
                mix(UInt64(p.loadUnaligned(as: UInt32.self)) | UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32)
            } else {
                mix(UInt64(base[0]) | UInt64(base[n >> 1]) << 8 | UInt64(base[n - 1]) << 16)
            }
        }
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h | 1
    }
}

/// One instance of `Value` per thread, made on first use and released when the thread ends.
public final class ThreadLocal<Value: AnyObject>: @unchecked Sendable {
    private let key: pthread_key_t
    private let make: @Sendable () -> Value

    public init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
        var key = pthread_key_t()
        pthread_key_create(&key) { p in
            #if canImport(Glibc)
            guard let p else { return }
            #endif
            Unmanaged<AnyObject>.fromOpaque(p).release()
        }
        self.key = key
    }

    /// This thread's instance.
    public var value: Value {
        if let p = pthread_getspecific(key) { return Unmanaged<Value>.fromOpaque(p).takeUnretainedValue() }
        let value = make()
        pthread_setspecific(key, Unmanaged.passRetained(value).toOpaque())
        return value
    }
}
