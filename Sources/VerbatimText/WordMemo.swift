#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VerbatimCore

/// What the text stages work out for a word from its letters alone, remembered per thread, so that a
/// word is folded and looked up once per thread rather than once per occurrence: the tokenizer's forms,
/// the language identifier's letter classes and cue weights, and the word's forms for its language.
///
/// Feedback repeats its words, and each of these answers is a function of the word's bytes alone (and of
/// the linguistic data, which a process loads once): a remembered answer is the answer, so outputs do not
/// change. The memo has a fixed number of entries, a word's entry chosen by a hash of its bytes; a word
/// replaces whatever held its entry, so memory is bounded (a few megabytes per thread, touched only as
/// entries fill) whatever the input. A hit is checked against the word's bytes, never trusted on the hash.
final class WordMemo {
    /// What is remembered of one word. Each part is filled by the stage that needs it.
    struct Entry {
        var surface: String
        /// The tokenizer's forms (`WordFolder.forms(of:for: .und, alternative: true)`), when `hasForms`.
        var hasForms = false
        var form = ""
        var alternative: String?
        var squeezed = false
        /// The identifier's reading: letter classes and the cue weights of every language that reads the
        /// word's script, for the lookup form `cueForm` and elongation `cueElongated`, read from the cue
        /// tables numbered `cueTables` (`LanguageIdentifier.CueTables.id`; 0: none yet).
        var cueTables: UInt64 = 0
        var cueElongated = false
        var classes: LanguageIdentifier.LetterClass = []
        var cueForm = ""
        var cues = TextResources.CueWeights()
        /// The forms for one language (`foldedFor`): whether the tokenizer's stand (`keeps`), else the
        /// language's form and, when `foldedElongated`, its alternative.
        var foldedFor: Language?
        var foldedElongated = false
        var keeps = false
        var languageForm = ""
        var languageAlternative: String?

        init(surface: String) { self.surface = surface }
    }

    /// Entries of the memo, in sets of `ways`: a word may stand in any entry of the set its hash picks.
    static let capacity = 16384
    static let ways = 4
    private static let setMask = capacity / ways - 1

    /// Per entry, the hash of the word it holds; 0 for an entry never filled (whose `Entry` is not
    /// initialized). Allocated zeroed, so that pages of unused entries are never touched.
    private let hashes: UnsafeMutablePointer<UInt64>
    private let entries: UnsafeMutablePointer<Entry>
    /// Per set, the way that the next new word takes (first in, first out).
    private let nextWay: UnsafeMutablePointer<UInt8>

    private init() {
        hashes = calloc(Self.capacity, MemoryLayout<UInt64>.stride)!.bindMemory(to: UInt64.self, capacity: Self.capacity)
        nextWay = calloc(Self.capacity / Self.ways, 1)!.bindMemory(to: UInt8.self, capacity: Self.capacity / Self.ways)
        entries = UnsafeMutablePointer<Entry>.allocate(capacity: Self.capacity)
    }

    deinit {
        for k in 0..<Self.capacity where hashes[k] != 0 { (entries + k).deinitialize(count: 1) }
        entries.deallocate()
        free(hashes)
        free(nextWay)
    }

    /// The entry holding the word of `bytes`, if any: its position, to read and update in place.
    @inline(__always)
    func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> UnsafeMutablePointer<Entry>? {
        let first = (Int(truncatingIfNeeded: hash) & Self.setMask) * Self.ways
        for k in first..<(first + Self.ways) where hashes[k] == hash && Self.equal(entries[k].surface, bytes) { return entries + k }
        return nil
    }

    /// A new entry for `surface` (the string of the bytes hashed to `hash`), in the way of its set that was
    /// filled longest ago.
    @inline(__always)
    func replace(with surface: String, hash: UInt64) -> UnsafeMutablePointer<Entry> {
        let set = Int(truncatingIfNeeded: hash) & Self.setMask
        let k = set * Self.ways + Int(nextWay[set])
        nextWay[set] = (nextWay[set] + 1) % UInt8(Self.ways)
        if hashes[k] == 0 {
            (entries + k).initialize(to: Entry(surface: surface))
        } else {
            entries[k] = Entry(surface: surface)
        }
        hashes[k] = hash
        return entries + k
    }

    /// The entry of the word of `bytes`: the one holding it, or a new one.
    @inline(__always)
    func entry(_ bytes: UnsafeBufferPointer<UInt8>, surface: @autoclosure () -> String) -> UnsafeMutablePointer<Entry> {
        let hash = Self.hash(bytes)
        return find(bytes, hash: hash) ?? replace(with: surface(), hash: hash)
    }

    /// This thread's memo, made on first use and freed when the thread ends.
    static var current: WordMemo {
        if let p = pthread_getspecific(key) { return Unmanaged<WordMemo>.fromOpaque(p).takeUnretainedValue() }
        let memo = WordMemo()
        pthread_setspecific(key, Unmanaged.passRetained(memo).toOpaque())
        return memo
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { p in
            #if canImport(Glibc)
            guard let p else { return }
            #endif
            Unmanaged<WordMemo>.fromOpaque(p).release()
        }
        return key
    }()

    /// FNV-1a over the bytes; never 0, which marks an empty entry.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h | 1
    }

    @inline(__always)
    static func equal(_ word: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.utf8.count == bytes.count else { return false }
        var word = word
        return word.withUTF8 { $0.count == 0 || memcmp($0.baseAddress!, bytes.baseAddress!, $0.count) == 0 }
    }

    @inline(__always)
    static func equal(_ a: String, _ b: String) -> Bool {
        var b = b
        return b.withUTF8 { equal(a, $0) }
    }
}
