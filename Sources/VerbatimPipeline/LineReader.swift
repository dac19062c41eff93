import Foundation
import VerbatimCore

/// Reads lines from a file handle in chunks; invalid UTF-8 is replaced, never fatal.
public struct LineReader {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false

    public init(handle: FileHandle) { self.handle = handle }

    /// The next line without its line break, or nil at the end.
    public mutating func next() -> String? {
        while true {
            if let nl = ByteScan.firstNewline(in: buffer, from: start) {
                var end = nl
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = nl + 1
                return line
            }
            if eof {
                guard start < buffer.count else { return nil }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                return line
            }
            if start > 0 { buffer.removeFirst(start); start = 0 }
            let data = handle.readData(ofLength: 1 << 16)
            if data.isEmpty { eof = true } else { buffer.append(contentsOf: data) }
        }
    }
}
