import Foundation
import VerbatimCore

/// How an XML export's bytes reach libxml2: as they are, for libxml2 to decode by the document's own
/// declaration, or transcoded to UTF-8 here (`UTF8TextSource`).
///
/// libxml2 reads a document that declares no encoding, or declares UTF-8, as UTF-8, and stops at the
/// first byte that is not: an export that an old tool wrote in windows-1254 while declaring UTF-8, or a
/// feed saved from a Windows editor, was rejected whole, every record lost. Its head is checked as a CSV
/// export's is (`EncodingDetector`): when it is not the UTF-8 it claims to be, it is read in the code page
/// whose letters are the most plausible, or, when it is mostly valid UTF-8 with a few damaged bytes, as
/// UTF-8 with those bytes as U+FFFD. A pipeline's `encoding:` for the source is taken as it is said.
enum XMLDecoding: Equatable {
    /// As they are: libxml2 decodes them (the document's declaration, its byte-order mark, or UTF-8).
    case byParser
    /// Transcoded to UTF-8 here; `why` says so in the file's summary.
    case transcoded(DetectedEncoding, why: String)

    /// Bytes of the head the decision is taken on, as many as a CSV export's (`CSVRecordReader.sampleSize`): a
    /// code page shows in the first Turkish or Cyrillic letters, and a damaged byte past the head still stops
    /// libxml2, with its line, column and what to do. (A MiB, checked byte by byte, slowed the bench's XML ingest.)
    static let headSize = CSVRecordReader.sampleSize

    /// The decoding of a document whose first bytes are `head`; `declared`: the pipeline's `encoding:`.
    static func of(_ head: [UInt8], declared: TextEncoding?) -> XMLDecoding {
        if let declared {
            return .transcoded(EncodingDetector.detect(head, declared: declared), why: "read as \(declared.rawValue), as the pipeline says")
        }
        // A byte-order mark, or UTF-16 or UTF-32 without one: libxml2 detects them itself.
        if EncodingDetector.bomOf(head) != nil || head.prefix(4).contains(0) { return .byParser }
        let claim = declaredEncoding(head)
        if let claim, TextEncoding(name: claim) != .utf8 { return .byParser }
        let detected = EncodingDetector.detect(head)
        guard detected.encoding != .utf8 || detected.how != "valid UTF-8" else { return .byParser }
        let says = claim.map { "the file declares \($0)" } ?? "the file declares no encoding, which means UTF-8"
        if detected.encoding == .utf8 {
            return .transcoded(detected, why: "mostly valid UTF-8 (\(says)): a record with bytes that are not valid in it is rejected alone")
        }
        return .transcoded(detected, why: "read as \(detected.encoding.rawValue) (\(detected.how)): its bytes are not UTF-8, and \(says)")
    }

    /// The encoding the XML declaration names (`<?xml version="1.0" encoding="UTF-8"?>`), or nil when there
    /// is no declaration or it names none.
    static func declaredEncoding(_ head: [UInt8]) -> String? {
        let start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard head.count >= start + 5, head[start..<(start + 5)].elementsEqual("<?xml".utf8) else { return nil }
        guard let end = head[start...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let declaration = String(decoding: head[start..<end], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return value.isEmpty ? nil : String(value)
    }
}

extension XMLRecordReader.Opener {
    /// The document's bytes as they are, from the start.
    func rawBytes() throws(IngestError) -> any ByteSource {
        if let source { return try source.open() }
        return try FileByteSource(url: URL(fileURLWithPath: path ?? name), name: name)
    }

    /// This opener with its decoding decided from the document's head (`XMLDecoding.of`).
    func deciding(declared: TextEncoding?) throws(IngestError) -> Self {
        var decided = self
        decided.decoding = XMLDecoding.of(try head(), declared: declared)
        return decided
    }

    /// The document's first `XMLDecoding.headSize` bytes.
    private func head() throws(IngestError) -> [UInt8] {
        try rawBytes().read(upTo: XMLDecoding.headSize)
    }
}
