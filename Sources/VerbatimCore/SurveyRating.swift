/// What a survey rating says: the one home of the CSAT and NPS definitions.
///
/// A rating's scale belongs to its column: a column named for it ("NPS", "CSAT",
/// "Stars"), or the pipeline's `rating_scale:`, or a column whose first answers
/// hold a number below 1 (a 0) or above 5, which no 1–5 scale gives, decides it for every
/// answer in it (so an NPS column's 3 is a detractor, not a CSAT rating). Only a
/// rating whose column says nothing is read by its own value: on the NPS scale
/// (0–10) when it is above 5 or below 1 (a 0, or a `.5`), otherwise on the CSAT scale (1–5
/// stars). NPS, as
/// Bain defines it: promoters 9–10, passives 7–8, detractors 0–6, and
/// NPS = % promoters − % detractors (−100…100). CSAT: 4–5 satisfied, 3
/// neither, 1–2 dissatisfied; CSAT % = % satisfied. `SentimentTally` counts
/// with these bands, and the `sentiment` stage compares the text's score with
/// them (a high rating with a clearly negative text disagrees).
public enum SurveyRating {
    /// The scale a rating is on.
    public enum Scale: String, Sendable, Hashable, CaseIterable, Codable {
        /// 1–5 stars or CSAT.
        case csat
        /// 0–10 Net Promoter Score.
        case nps

        /// The scale whose top is `top` (5: CSAT, 10: NPS); nil for any other.
        public init?(top: Double) {
            switch top {
            case 5: self = .csat
            case 10: self = .nps
            default: return nil
            }
        }

        /// The figure's name in reports: "CSAT", "NPS".
        public var name: String { rawValue.uppercased() }

        /// The lowest and the highest rating on the scale (1–5 stars, 0–10 NPS).
        public var lowest: Double { self == .csat ? 1 : 0 }
        public var highest: Double { self == .csat ? 5 : 10 }
        /// The highest rating in the low band (dissatisfied, detractor).
        public var lowMax: Double { self == .csat ? 2 : 6 }
        /// The lowest rating in the high band (satisfied, promoter).
        public var highMin: Double { self == .csat ? 4 : 9 }

        /// How a report says what its figure counts: "% of ratings 4–5 on 1–5" (CSAT), "% of 9–10 minus % of 0–6 on 0–10" (NPS).
        public var definition: String {
            func n(_ v: Double) -> String { String(Int(v)) }
            let high = "\(n(highMin))–\(n(highest))", range = "\(n(lowest))–\(n(highest))"
            return self == .csat ? "% of ratings \(high) on \(range)" : "% of \(high) minus % of \(n(lowest))–\(n(lowMax)) on \(range)"
        }
    }

    /// Where a rating stands on its scale.
    public enum Band: Sendable, Hashable {
        /// Dissatisfied (CSAT 1–2) or a detractor (NPS 0–6).
        case low
        /// CSAT 3, or a passive (NPS 7–8).
        case middle
        /// Satisfied (CSAT 4–5) or a promoter (NPS 9–10).
        case high
    }

    /// The scale of a rating whose column does not say: NPS above 5 or at 0, else CSAT.
    public static func scale(of rating: Double) -> Scale { rating > 5 || rating < 1 ? .nps : .csat }

    /// One rating on its scale.
    public struct Score: Sendable, Hashable, Codable {
        public var value: Double
        public var scale: Scale

        public init(_ value: Double, scale: Scale) {
            self.value = value
            self.scale = scale
        }

        /// A rating whose column does not say its scale: read by its value (`SurveyRating.scale(of:)`).
        public init(inferring value: Double) { self.init(value, scale: SurveyRating.scale(of: value)) }

        /// Where it stands on its scale.
        public var band: Band { value <= scale.lowMax ? .low : value >= scale.highMin ? .high : .middle }

        /// Whether the value is on the scale (1–5, 0–10).
        public var isOnScale: Bool { value >= scale.lowest && value <= scale.highest }

        /// As people write it: "4/5", "9/10", "4.5/5". Partials carry a rating in this form.
        public var text: String {
            let v = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
            return "\(v)/\(Int(scale.highest))"
        }

        /// A rating written as `text` writes it; nil for anything else.
        public init?(text: some StringProtocol) {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let v = Double(parts[0]), v.isFinite, let top = Double(parts[1]), let scale = Scale(top: top) else { return nil }
            self.init(v, scale: scale)
        }

        /// `init(text:)` on UTF-8 bytes, without a `String` (a spool's field).
        public init?(bytes: UnsafeBufferPointer<UInt8>) {
            guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")),
                  let v = DecimalBytes.double(UnsafeBufferPointer(rebasing: bytes[..<slash])), v.isFinite,
                  let top = DecimalBytes.double(UnsafeBufferPointer(rebasing: bytes[(slash + 1)...])), let scale = Scale(top: top)
            else { return nil }
            self.init(v, scale: scale)
        }
    }

    /// The ratings of one response, at most one per scale: a post-contact survey asks how satisfied
    /// the customer was (CSAT), how likely they are to recommend (NPS), or both, and each counts in
    /// its own figure.
    public struct Ratings: Sendable, Hashable, Codable {
        public var csat: Double?
        public var nps: Double?

        public init(csat: Double? = nil, nps: Double? = nil) {
            self.csat = csat
            self.nps = nps
        }

        /// One rating, on its scale.
        public init(_ score: Score?) {
            if let score { self[score.scale] = score.value }
        }

        public static let none = Ratings()

        public var isEmpty: Bool { csat == nil && nps == nil }

        public subscript(scale: Scale) -> Double? {
            get { scale == .csat ? csat : nps }
            set { if scale == .csat { csat = newValue } else { nps = newValue } }
        }

        /// Each rating on its scale, CSAT first.
        public var scores: [Score] {
            [csat.map { Score($0, scale: .csat) }, nps.map { Score($0, scale: .nps) }].compactMap { $0 }
        }

        /// The rating a text's score is compared with (`SentimentStage.disagrees`): the CSAT, a rating of
        /// the contact itself, when there is one; else the NPS.
        public var primary: Score? { csat.map { Score($0, scale: .csat) } ?? nps.map { Score($0, scale: .nps) } }

        /// As partials and spools write them: "4/5", "9/10", "4/5 9/10"; nil when there is none.
        public var text: String? { isEmpty ? nil : scores.map(\.text).joined(separator: " ") }

        /// Ratings written as `text` writes them; nil for anything else (a scale twice, an empty text).
        public init?(text: some StringProtocol) {
            let parts = text.split(separator: " ", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count) else { return nil }
            var out = Ratings()
            for p in parts {
                guard let s = Score(text: p), out[s.scale] == nil else { return nil }
                out[s.scale] = s.value
            }
            self = out
        }

        /// `init(text:)` on UTF-8 bytes, without a `String` (a spool's field).
        public init?(bytes: UnsafeBufferPointer<UInt8>) {
            var out = Ratings()
            var start = 0
            for part in 0..<2 {
                let end = part == 0 ? bytes[start...].firstIndex(of: UInt8(ascii: " ")) ?? bytes.count : bytes.count
                guard let s = Score(bytes: UnsafeBufferPointer(rebasing: bytes[start..<end])), out[s.scale] == nil else { return nil }
                out[s.scale] = s.value
                guard end < bytes.count else { break }
                start = end + 1
            }
            self = out
        }
    }

    /// The decimals a rating is written with in every report: none for a whole rating (`4`), one otherwise (`4.5`).
    public static func decimals(_ rating: Double) -> Int { rating == rating.rounded() ? 0 : 1 }

    /// NPS from counts: % promoters − % detractors; nil without ratings.
    public static func netPromoterScore(promoters: Int, detractors: Int, of count: Int) -> Double? {
        count == 0 ? nil : Double(promoters - detractors) / Double(count) * 100
    }
}
