/// The check a masking rule runs on a candidate before masking it, so that
/// ordinary numbers of the same length (order numbers, amounts) stay.
///
/// Each check sees the candidate as normalised for matching: digits, ASCII
/// letters upper-cased, `+`, and a Cyrillic letter as one marker byte.
public enum MaskingCheck: String, Sendable, CaseIterable {
    /// No check: the shape alone decides (phone numbers, e-mail addresses).
    case none = "-"
    /// Payment cards: the Luhn check digit.
    case luhn
    /// IBANs: the country and check digits moved to the end, letters as numbers, mod 97 = 1.
    case mod97
    /// Turkish TCKN: 11 digits, no leading zero, its two check digits.
    case tckn
    /// Kazakh IIN/BIN: 12 digits, the mod-11 check digit (two weight rounds), and the date (IIN) or type (BIN) digits.
    case iin
    /// Serbian JMBG: 13 digits, the mod-11 check digit, a day and month in the first four.
    case jmbg
    /// Mongolian civil register number: two Cyrillic letters, then a birth date YYMMDD (month + 20 after 2000) and two digits.
    case mnRegister = "mn_register"

    /// True when `candidate` passes the check.
    public func passes(_ candidate: [UInt8]) -> Bool {
        switch self {
        case .none: return true
        case .luhn: return Self.luhn(Self.digits(candidate))
        case .mod97: return Self.mod97(candidate.filter { $0 != UInt8(ascii: "+") })
        case .tckn: return Self.tckn(Self.digits(candidate))
        case .iin: return Self.iin(Self.digits(candidate))
        case .jmbg: return Self.jmbg(Self.digits(candidate))
        case .mnRegister: return Self.mnRegister(Self.digits(candidate))
        }
    }

    /// The digit values of a candidate (other bytes dropped).
    static func digits(_ bytes: [UInt8]) -> [Int] {
        bytes.compactMap { $0 >= 0x30 && $0 <= 0x39 ? Int($0 - 0x30) : nil }
    }

    static func luhn(_ d: [Int]) -> Bool {
        guard d.count >= 12 else { return false }
        var sum = 0
        for (k, v) in d.reversed().enumerated() {
            let x = k % 2 == 1 ? v * 2 : v
            sum += x > 9 ? x - 9 : x
        }
        return sum % 10 == 0
    }

    static func mod97(_ chars: [UInt8]) -> Bool {
        guard chars.count >= 15, chars.count <= 34 else { return false }
        var remainder = 0
        for c in chars[4...] + chars[..<4] {
            switch c {
            case 0x30...0x39: remainder = (remainder * 10 + Int(c - 0x30)) % 97
            case 0x41...0x5A: remainder = (remainder * 100 + Int(c - 0x41) + 10) % 97
            default: return false
            }
        }
        return remainder == 1
    }

    static func tckn(_ d: [Int]) -> Bool {
        guard d.count == 11, d[0] != 0 else { return false }
        let odd = d[0] + d[2] + d[4] + d[6] + d[8], even = d[1] + d[3] + d[5] + d[7]
        let tenth = ((odd * 7 - even) % 10 + 10) % 10
        return d[9] == tenth && d[10] == d[0..<10].reduce(0, +) % 10
    }

    static func iin(_ d: [Int]) -> Bool {
        guard d.count == 12 else { return false }
        func weighted(_ w: [Int]) -> Int { zip(d, w).reduce(0) { $0 + $1.0 * $1.1 } % 11 }
        var c = weighted(Array(1...11))
        if c == 10 { c = weighted([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) }
        guard c != 10, c == d[11] else { return false }
        let month = d[2] * 10 + d[3], day = d[4] * 10 + d[5]
        let person = (1...12).contains(month) && (1...31).contains(day) && (0...6).contains(d[6])
        let organisation = (1...12).contains(month) && (4...6).contains(d[4])
        return person || organisation
    }

    static func jmbg(_ d: [Int]) -> Bool {
        guard d.count == 13 else { return false }
        let day = d[0] * 10 + d[1], month = d[2] * 10 + d[3]
        guard (1...31).contains(day), (1...12).contains(month) else { return false }
        let w = [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
        var m = 11 - zip(d, w).reduce(0) { $0 + $1.0 * $1.1 } % 11
        if m > 9 { m = 0 }
        return m == d[12]
    }

    static func mnRegister(_ d: [Int]) -> Bool {
        guard d.count == 8 else { return false }
        let month = d[2] * 10 + d[3], day = d[4] * 10 + d[5]
        return ((1...12).contains(month) || (21...32).contains(month)) && (1...31).contains(day)
    }
}
