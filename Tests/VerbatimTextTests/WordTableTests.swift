import Testing
import VerbatimCore

/// `WordTable` checks a hit against a copy of the word's bytes kept beside the entry (up to
/// `inlineKeyBytes`), or against the entry's `key` for a longer word: a word must find its own entry,
/// never that of another word with the same first bytes, whatever its length.
@Suite("Word table")
struct WordTableTests {
    struct Entry: WordTableEntry {
        var key: String
        var value = 0
        init(key: String) { self.key = key }
    }

    static func entry(_ table: WordTable<Entry>, _ word: String) -> UnsafeMutablePointer<Entry> {
        var bytes = word
        return bytes.withUTF8 { table.entry($0, word: word) }
    }

    @Test func eachWordFindsItsOwnEntryAtEveryLength() {
        let table = WordTable<Entry>()
        // Lengths around the inline limit (32 bytes), ASCII and two-byte Cyrillic, and words that share
        // their first 32 bytes and differ after them.
        let stem = String(repeating: "a", count: 32)
        var words = ["", "a", String(repeating: "a", count: 31), stem, stem + "b", stem + "c", stem + stem, String(repeating: "z", count: 300)]
        words += ["қ", String(repeating: "қ", count: 16), String(repeating: "қ", count: 16) + "а", String(repeating: "қ", count: 16) + "ә"]
        for (n, word) in words.enumerated() { Self.entry(table, word).pointee.value = n + 1 }
        for (n, word) in words.enumerated() {
            let e = Self.entry(table, word)
            #expect(e.pointee.value == n + 1, "\(word.utf8.count) bytes: found a new entry or another word's")
            #expect(e.pointee.key == word)
        }
    }

    /// Words spread over every set of the table, and as many distinct words as a quarter of its entries
    /// (a large corpus's vocabulary) all stay in it: none is evicted by another. (Taking the set from the
    /// hash's lowest bit, which is always set, used only the odd sets: half of these words were evicted
    /// again and again, and `classify` spent 7% more instructions folding them anew.)
    @Test func wordsUseEverySetAndAQuarterOfTheEntriesStay() {
        let table = WordTable<Entry>()
        let capacity = WordTable<Entry>.capacity, ways = 4
        var sets = Set<Int>()
        for n in 0..<(4 * capacity) { sets.insert(Int(table.slot(of: Self.entry(table, "söz\(n)"))) / ways) }
        #expect(sets.count == capacity / ways, "\(sets.count) of \(capacity / ways) sets used")
        let fresh = WordTable<Entry>()
        let words = (0..<(capacity / 4)).map { "kelime\($0)" }
        for (n, w) in words.enumerated() { Self.entry(fresh, w).pointee.value = n + 1 }
        let kept = words.indices.filter { Self.entry(fresh, words[$0]).pointee.value == $0 + 1 }.count
        // With four ways a set overflows only when more than four of its words land in it: a few do.
        #expect(kept >= words.count * 97 / 100, "\(kept) of \(words.count) words kept")
    }

    /// A slot finds its word again without hashing it, and only its word: not another word, not once a
    /// new word took the slot over, not out of range.
    @Test func aSlotFindsItsWordUntilTheSlotIsTaken() {
        let table = WordTable<Entry>()
        let first = Self.entry(table, "bekledim")
        first.pointee.value = 7
        let slot = table.slot(of: first)
        func atSlot(_ word: String, _ slot: Int32) -> UnsafeMutablePointer<Entry>? {
            var bytes = word
            return bytes.withUTF8 { table.entry(at: slot, $0) }
        }
        #expect(atSlot("bekledim", slot)?.pointee.value == 7)
        #expect(atSlot("bekledik", slot) == nil)
        #expect(atSlot("bekledim", -1) == nil)
        #expect(atSlot("bekledim", Int32(WordTable<Entry>.capacity)) == nil)
        // Fill the table with other words until one has taken the slot over.
        var n = 0
        while atSlot("bekledim", slot) != nil, n < 1_000_000 { _ = Self.entry(table, "w\(n)"); n += 1 }
        #expect(atSlot("bekledim", slot) == nil)
        #expect(Self.entry(table, "bekledim").pointee.value == 0, "the word is a new entry once its slot was taken")
    }
}

/// `UTF8Bytes.equal` of two strings: the same value is equal at once (its bits are); copies made apart
/// are compared by their bytes, short (inline) and long (on the heap), equal and not.
@Suite("Byte equality of words")
struct UTF8BytesEqualityTests {
    @Test func sameValueCopiesAndDifferentWordsCompareByTheirBytes() {
        let long = String(repeating: "қызмет", count: 4)  // 48 bytes: on the heap
        let copy = String(decoding: Array(long.utf8), as: UTF8.self)  // the same bytes, another buffer
        #expect(UTF8Bytes.equal(long, long))
        #expect(UTF8Bytes.equal(long, copy))
        #expect(!UTF8Bytes.equal(long, String(long.dropLast()) + "ш"))
        #expect(!UTF8Bytes.equal(long, String(long.dropLast())))
        let short = "ama", other = String(decoding: Array("ama".utf8), as: UTF8.self)
        #expect(UTF8Bytes.equal(short, other))
        #expect(!UTF8Bytes.equal(short, "ame"))
        #expect(UTF8Bytes.equal("", String()))
        // Canonically equal but not the same bytes (NFD against NFC): not equal here, by design.
        #expect(!UTF8Bytes.equal("e\u{301}", "\u{e9}"))
    }
}
