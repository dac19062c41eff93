import Foundation
import VerbatimCore
import VerbatimIngest

/// Reads lines from a file handle in chunks; a line that is not valid UTF-8 comes back as where it
/// goes wrong, never fatal (as an export's row with such bytes is rejected alone). A line longer than
/// `maxLineBytes` is not kept: its bytes are skipped as they are read, and only its length comes back,
/// so memory stays bounded whatever the input (a binary file piped in, a JSON export on one line).
public struct LineReader {
    /// One line as read.
    public enum Line: Equatable, Sendable {
        /// The line without its line break.
        case text(String)
        /// A line longer than `maxLineBytes`, skipped; its length in bytes.
        case tooLong(bytes: Int)
        /// A line whose bytes are not valid UTF-8 (after the input's encoding, when it was detected as
        /// another, was converted): the offset of the first bad byte in the line (0-based) and the bad bytes there.
        case notUTF8(at: Int, bytes: [UInt8])
    }

    /// Why a `notUTF8` line is set aside, as an export's row would be: "bytes that are not valid utf-8
    /// (F6 at byte 5)", the byte counted from 1.
    public static func notUTF8Reason(at offset: Int, bytes: [UInt8]) -> String {
        let hex = bytes.map { String(format: "%02X", $0) }.joined(separator: " ")
        return "\(RowProblem.invalidEncoding(.utf8)) (\(hex) at byte \(offset + 1))"
    }

    /// The line of `bytes`: its text when they are valid UTF-8, else where they are not.
    static func line(_ bytes: ArraySlice<UInt8>) -> Line {
        bytes.withUnsafeBufferPointer { p in
            do throws(UTF8.ValidationError) {
                return .text(String(copying: try UTF8Span(validating: p.span)))
            } catch {
                return .notUTF8(at: error.byteOffsets.lowerBound, bytes: Array(p[error.byteOffsets]))
            }
        }
    }

    let handle: FileHandle
    public let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    /// Bytes of a line too long to keep, skipped so far.
    private var skipped = 0
    /// Whether the encoding is still to be found from the first bytes read, as an export's is.
    private var detectsEncoding: Bool
    /// The encoding found (with `detectsEncoding`, once the first bytes are read); nil for UTF-8 read as it is.
    public private(set) var encoding: DetectedEncoding?
    /// Turns the input into UTF-8 when it is in another encoding.
    private var transcoder: UTF8Transcoder?

    /// `detectsEncoding`: read text in UTF-16 or a Windows code page as an export is read (the encoding
    /// found from the first 64 KiB: `EncodingDetector`); without it, and for UTF-8, bytes are taken as
    /// UTF-8, and a line with bytes that are not comes back as `notUTF8`.
    public init(handle: FileHandle, maxLineBytes: Int = SourceOptions.defaultMaxRecordBytes, detectsEncoding: Bool = false) {
        self.handle = handle
        self.maxLineBytes = maxLineBytes
        self.detectsEncoding = detectsEncoding
    }

    /// Appends a chunk read (empty at the end) to the buffer, as UTF-8. UTF-8 is appended as it is read.
    private mutating func append(_ chunk: Data) {
        var skip = 0
        if detectsEncoding, !chunk.isEmpty {
            detectsEncoding = false
            let sample = [UInt8](chunk)
            let found = EncodingDetector.detect(sample)
            // A short UTF-8 text with a damaged byte (a line piped in) stays UTF-8: only that line is `notUTF8`.
            let guessed = found.bomLength == 0 && [.windows1250, .windows1251, .windows1254].contains(found.encoding)
            if found.encoding != .utf8, !(guessed && EncodingDetector.leansUTF8(sample)) {
                encoding = found
                transcoder = UTF8Transcoder(encoding: found.encoding)
                skip = found.bomLength
            }
        }
        guard transcoder != nil else { buffer.append(contentsOf: chunk); return }
        let bytes = [UInt8](chunk)
        bytes.withUnsafeBufferPointer { transcoder!.transcode(UnsafeBufferPointer(rebasing: $0[skip...]), into: &buffer, final: eof) }
    }

    /// The next line, or nil at the end.
    public mutating func next() -> Line? {
        while true {
            if let nl = ByteScan.firstNewline(in: buffer, from: start) {
                var end = nl
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                let length = skipped + end - start
                let line: Line = length > maxLineBytes ? .tooLong(bytes: length) : Self.line(buffer[start..<end])
                start = nl + 1
                skipped = 0
                return line
            }
            // No line break yet: a line past the limit is counted and its bytes let go.
            if skipped > 0 || buffer.count - start > maxLineBytes {
                skipped += buffer.count - start
                buffer.removeAll(keepingCapacity: true)
                start = 0
            }
            if eof {
                if skipped > 0 {
                    defer { skipped = 0 }
                    return .tooLong(bytes: skipped)
                }
                guard start < buffer.count else { return nil }
                let line = Self.line(buffer[start...])
                start = buffer.count
                return line
            }
            if start > 0 { buffer.removeFirst(start); start = 0 }
            let data = handle.readData(ofLength: 1 << 16)
            if data.isEmpty { eof = true }
            append(data)
        }
    }
}
