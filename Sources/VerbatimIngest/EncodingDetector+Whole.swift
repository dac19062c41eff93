extension EncodingDetector {
    /// A whole small file as text (a roster that HR saved from Excel), in the encoding its bytes show, as an
    /// export's is found: a byte-order mark, UTF-16, UTF-8, or the Windows code page its letters suggest.
    /// Nil when a byte is not valid in that encoding.
    public static func decode(_ bytes: [UInt8]) -> (text: String, encoding: DetectedEncoding)? {
        let detected = detect(Array(bytes.prefix(1 << 16)))
        var transcoder = UTF8Transcoder(encoding: detected.encoding)
        var out: [UInt8] = []
        bytes.withUnsafeBufferPointer { transcoder.transcode(UnsafeBufferPointer(rebasing: $0[detected.bomLength...]), into: &out, final: true) }
        guard let text = String(validating: out, as: UTF8.self) else { return nil }
        return (text, detected)
    }
}

extension EncodingDetector {
    /// Whether `sample` has more valid UTF-8 sequences of two or more bytes than invalid bytes: UTF-8 with a
    /// few damaged bytes, in a sample too short for `detect`'s rule (at least 4 valid, 4 times the invalid),
    /// which a code page's text never is (its letters above 0x7F are not followed by continuation bytes).
    public static func leansUTF8(_ sample: [UInt8]) -> Bool {
        let (valid, invalid) = utf8Sequences(sample)
        return valid > invalid
    }
}
