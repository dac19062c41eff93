import Foundation
import Testing
@testable import VerbatimIngest

@Suite("Encoding detection and transcoding")
struct EncodingDetectorTests {
    /// Encodes text in a single-byte code page using the reader's own tables, reversed.
    func encode(_ s: String, _ table: [UInt32]) -> [UInt8] {
        s.unicodeScalars.map { u in
            if u.value < 0x80 { return UInt8(u.value) }
            return UInt8(0x80 + table.firstIndex(of: u.value)!)
        }
    }

    func decode(_ bytes: [UInt8], _ enc: TextEncoding) -> String {
        var t = UTF8Transcoder(encoding: enc)
        var out: [UInt8] = []
        bytes.withUnsafeBufferPointer { t.transcode($0, into: &out, final: true) }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func bomWins() {
        #expect(EncodingDetector.detect([0xEF, 0xBB, 0xBF, 0x61]) == DetectedEncoding(encoding: .utf8, bomLength: 3, how: "BOM"))
        #expect(EncodingDetector.detect([0xFF, 0xFE, 0x61, 0x00]).encoding == .utf16LE)
        #expect(EncodingDetector.detect([0xFE, 0xFF, 0x00, 0x61]).encoding == .utf16BE)
    }

    @Test func validUTF8IsUTF8() {
        #expect(EncodingDetector.detect(Array("Yorum;Puan\nÇok iyi;5\n".utf8)).encoding == .utf8)
    }

    @Test func turkishCodePage() {
        let bytes = encode("Yorum;Puan\nTemsilci çok ilgisizdi, şikayetim çözülmedi;1\nIşık gibi hızlı, teşekkürler;5\n", CodePageTables.windows1254)
        #expect(EncodingDetector.detect(bytes).encoding == .windows1254)
        #expect(decode(bytes, .windows1254).contains("şikayetim çözülmedi"))
    }

    @Test func cyrillicCodePage() {
        let bytes = encode("Комментарий;Оценка\nОператор очень вежливый, спасибо;5\nЖдал ответа два часа;1\n", CodePageTables.windows1251)
        #expect(EncodingDetector.detect(bytes).encoding == .windows1251)
        #expect(decode(bytes, .windows1251).contains("Оператор очень вежливый"))
    }

    @Test func serbianLatinCodePage() {
        let bytes = encode("Komentar;Ocena\nOperaterka je bila ljubazna, sve rešeno brže nego što sam očekivao;5\nČekao sam dugo, užas;1\n", CodePageTables.windows1250)
        #expect(EncodingDetector.detect(bytes).encoding == .windows1250)
        #expect(decode(bytes, .windows1250).contains("Čekao sam dugo, užas"))
    }

    @Test func utf16WithSurrogatesAcrossChunks() {
        let text = "Süper 👍 хорошо"
        var bytes: [UInt8] = []
        for u in text.utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        var t = UTF8Transcoder(encoding: .utf16LE)
        var out: [UInt8] = []
        // Split inside the surrogate pair.
        for chunk in [Array(bytes[0..<13]), Array(bytes[13...])] {
            chunk.withUnsafeBufferPointer { t.transcode($0, into: &out) }
        }
        [UInt8]().withUnsafeBufferPointer { t.transcode($0, into: &out, final: true) }
        #expect(String(decoding: out, as: UTF8.self) == text)
    }

    @Test func utf16WithoutBOMIsRecognisedByItsZeroBytes() {
        let text = "ИД;Коментар\r\nRS-1;Одлично, хвала!\r\n"
        var le: [UInt8] = [], be: [UInt8] = []
        for u in text.utf16 { le += [UInt8(u & 0xFF), UInt8(u >> 8)]; be += [UInt8(u >> 8), UInt8(u & 0xFF)] }
        #expect(EncodingDetector.detect(le) == DetectedEncoding(encoding: .utf16LE, bomLength: 0, how: "UTF-16 pattern (no BOM)"))
        #expect(EncodingDetector.detect(be).encoding == .utf16BE)
        // A UTF-8 file with a stray NUL is not UTF-16.
        #expect(EncodingDetector.detect(Array("id,text\n1,a\u{0}b\n2,c\n".utf8)).encoding == .utf8)
    }

    @Test func utf8WithAFewDamagedBytesStaysUTF8() {
        var bytes = Array("Yorum;Puan\nÇok iyi, teşekkürler;5\nŞikayetim çözüldü;4\n".utf8)
        bytes += [0x6B, 0xF6, 0x74, 0xFC, 0x3B, 0x31, 0x0A]  // "kötü;1" in windows-1254 bytes
        #expect(EncodingDetector.detect(bytes) == DetectedEncoding(encoding: .utf8, bomLength: 0, how: "mostly valid UTF-8"))
        // A code page file stays a code page file.
        let cp = encode("Yorum;Puan\nŞikayetim çözülmedi, ilgisizdi;1\nÇok güzel;5\n", CodePageTables.windows1254)
        #expect(EncodingDetector.detect(cp).encoding == .windows1254)
    }

    @Test func declaredEncodingWins() {
        #expect(EncodingDetector.detect(Array("abc".utf8), declared: .windows1251).encoding == .windows1251)
    }
}
