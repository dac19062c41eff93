import VerbatimCore

/// A run's aggregate as the run spools it for itself (`SpoolBytesWriter`), while it reads its other
/// files: every tally and top verbatim, read back as it was. (Partials carry aggregates as JSON; this
/// is the cheap form, written and read in the same run: a JSON round trip of one file's aggregate took
/// as many instructions as analysing a few hundred of its records.)
extension RunAggregate {
    public func spoolBytes() -> [UInt8] {
        var w = SpoolBytesWriter()
        w.number(verbatimLimit)
        Self.write(total, &w)
        for cells in [byEmployee, byTheme, byDay, byChannel, byLanguage, bySource] { Self.write(cells, &w) }
        w.count(byEmployeeTheme.count)
        for (employee, cells) in byEmployeeTheme {
            w.text(employee)
            Self.write(cells, &w)
        }
        Self.write(topVerbatims, &w)
        for lists in [topByEmployee, topByTheme] {
            w.count(lists.count)
            for (key, top) in lists {
                w.text(key)
                Self.write(top, &w)
            }
        }
        return w.bytes
    }

    public init(spoolBytes bytes: ArraySlice<UInt8>) throws(SpoolBytesReader.Damaged) {
        var r = SpoolBytesReader(bytes)
        self.init(verbatimLimit: try r.int())
        total = try Self.readTally(&r)
        byEmployee = try Self.readCells(&r)
        byTheme = try Self.readCells(&r)
        byDay = try Self.readCells(&r)
        byChannel = try Self.readCells(&r)
        byLanguage = try Self.readCells(&r)
        bySource = try Self.readCells(&r)
        for _ in 0..<(try r.count()) { byEmployeeTheme[try r.presentText()] = try Self.readCells(&r) }
        topVerbatims = try Self.readTop(&r)
        for _ in 0..<(try r.count()) { topByEmployee[try r.presentText()] = try Self.readTop(&r) }
        for _ in 0..<(try r.count()) { topByTheme[try r.presentText()] = try Self.readTop(&r) }
        guard r.atEnd else { throw SpoolBytesReader.Damaged() }
    }

    private static func write(_ t: SentimentTally, _ w: inout SpoolBytesWriter) {
        for count in SentimentTally.counts { w.number(t[keyPath: count]) }
    }

    private static func readTally(_ r: inout SpoolBytesReader) throws(SpoolBytesReader.Damaged) -> SentimentTally {
        var t = SentimentTally()
        for count in SentimentTally.counts { t[keyPath: count] = try r.int() }
        return t
    }

    private static func write(_ cells: [String: SentimentTally], _ w: inout SpoolBytesWriter) {
        w.count(cells.count)
        for (key, t) in cells {
            w.text(key)
            write(t, &w)
        }
    }

    private static func readCells(_ r: inout SpoolBytesReader) throws(SpoolBytesReader.Damaged) -> [String: SentimentTally] {
        var cells: [String: SentimentTally] = [:]
        for _ in 0..<(try r.count()) { cells[try r.presentText()] = try readTally(&r) }
        return cells
    }

    private static func write(_ top: TopVerbatims, _ w: inout SpoolBytesWriter) {
        w.number(top.limit)
        for list in [top.positive, top.negative] {
            w.count(list.count)
            for e in list {
                w.number(e.key)
                write(e.sample, &w)
            }
        }
    }

    private static func readTop(_ r: inout SpoolBytesReader) throws(SpoolBytesReader.Damaged) -> TopVerbatims {
        let limit = try r.int()
        var lists: [[TopVerbatims.Entry]] = []
        for _ in 0..<2 {
            var list: [TopVerbatims.Entry] = []
            for _ in 0..<(try r.count()) { list.append(TopVerbatims.Entry(key: try r.double(), sample: try readSample(&r))) }
            lists.append(list)
        }
        return TopVerbatims(limit: limit, positive: lists[0], negative: lists[1])
    }

    private static func write(_ s: VerbatimSample, _ w: inout SpoolBytesWriter) {
        s.writeSpoolFields(to: &w)
        w.count(s.themes.count)
        for t in s.themes { w.text(t) }
    }

    private static func readSample(_ r: inout SpoolBytesReader) throws(SpoolBytesReader.Damaged) -> VerbatimSample {
        var sample = try VerbatimSample(spoolFields: &r)
        for _ in 0..<(try r.count()) { sample.themes.append(try r.presentText()) }
        return sample
    }
}
