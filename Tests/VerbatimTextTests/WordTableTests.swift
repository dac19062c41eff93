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
