import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The name of a ZIP entry as its writer meant it. The ZIP format stores names in UTF-8 (when the
/// entry says so) or in "the" DOS code page, CP437, which libzip decodes; but Windows' own "Send to →
/// Compressed folder" writes them in the system's OEM code page without saying so: CP857 on a Turkish
/// Windows, CP866 on a Russian or Kazakh one, CP852 on a Serbian (Latin) one, CP855 on a Serbian
/// (Cyrillic) one. Read as CP437, `Müşteri_Kasım.csv` becomes `M³₧teri_Kas╒m.csv`, in the reports and
/// for `sources:` rules.
///
/// A name that is not UTF-8, and that libzip did not take from the entry's Unicode path field, is
/// decoded with the first of those code pages (through iconv) in which every character outside ASCII
/// is a letter of its language; else libzip's CP437 reading stands. CP855 comes after CP866: a Russian
/// name read as CP855 can come out as Serbian letters (`Анкета` as `ђГфЦРа`), while a Serbian one read
/// as CP866 comes out with box-drawing characters, which no name has.
enum ZipEntryName {
    /// The OEM code pages tried, each with the letters its language writes beyond ASCII.
    static let codePages: [(name: String, letters: Set<Unicode.Scalar>)] = [
        ("CP857", Set("çğıöşüâîûÇĞİÖŞÜÂÎÛ".unicodeScalars)),
        ("CP866", Set((0x410...0x44F).compactMap(Unicode.Scalar.init) + ["ё", "Ё"])),
        ("CP852", Set("čćđšžČĆĐŠŽ".unicodeScalars)),
        ("CP855", Set("абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ".unicodeScalars)),
    ]

    /// The name of the entry whose stored bytes are `raw`, given libzip's reading of it (`guessed`).
    static func decode(raw: [UInt8], guessed: String) -> String {
        if let utf8 = String(validating: raw, as: UTF8.self) { return utf8 }
        // libzip took the name from the entry's Unicode path field (7-Zip writes one): keep it.
        if let cp437 = convert(raw, from: "CP437"), cp437 != guessed { return guessed }
        for page in codePages {
            guard let name = convert(raw, from: page.name) else { continue }
            if name.unicodeScalars.allSatisfy({ $0.isASCII || page.letters.contains($0) }) { return name }
        }
        return guessed
    }

    /// `bytes` decoded from the code page `encoding` by iconv, or nil when iconv cannot.
    static func convert(_ bytes: [UInt8], from encoding: String) -> String? {
        let cd = iconv_open("UTF-8", encoding)
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 4)
        let ok = input.withUnsafeMutableBufferPointer { inBuffer -> Bool in
            output.withUnsafeMutableBufferPointer { outBuffer -> Bool in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                var inLeft = inBuffer.count, outLeft = outBuffer.count
                return iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft) != -1 && inLeft == 0
            }
        }
        guard ok else { return nil }
        let end = output.firstIndex(of: 0) ?? output.count
        return String(decoding: output[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
