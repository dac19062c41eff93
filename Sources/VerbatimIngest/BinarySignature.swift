/// Recognises files that are not text at all: an image, a workbook or an
/// archive renamed to `.csv`, or any content dense with control characters.
///
/// Such a file is rejected as a whole with a message that says what it looks
/// like, instead of being decoded into garbage headers.
enum BinarySignature {
    /// Magic numbers of the files most often mistaken for an export, with what to call them.
    static let magic: [(bytes: [UInt8], name: String)] = [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ([0x47, 0x49, 0x46, 0x38], "a GIF image"),
        ([0x25, 0x50, 0x44, 0x46, 0x2D], "a PDF document"),
        ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive or an Excel workbook (.xlsx); save it as CSV"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "a legacy Excel workbook (.xls) under another name; name it .xls to have it read"),
        ([0x1F, 0x8B], "a gzip archive"),
    ]

    /// What the file looks like when it is not text, else nil.
    ///
    /// `raw` is the file's first bytes as stored, `decoded` the same bytes as
    /// UTF-8 after transcoding (so UTF-16's zero bytes do not count). More
    /// than one control character in twenty (other than tab, line ends and
    /// form feed) in the first 4 KiB means binary; a stray NUL does not.
    static func kind(raw: [UInt8], decoded: [UInt8]) -> String? {
        for (bytes, name) in magic where raw.count >= bytes.count && raw.prefix(bytes.count).elementsEqual(bytes) {
            return name
        }
        let head = decoded.prefix(4096)
        guard !head.isEmpty else { return nil }
        let controls = head.reduce(0) { n, b in
            (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C) || b == 0x7F ? n + 1 : n
        }
        return controls * 20 > head.count ? "binary data" : nil
    }
}
