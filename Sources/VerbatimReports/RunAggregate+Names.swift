import VerbatimCore

extension RunAggregate {
    /// The aggregate with every spelling of one employee or channel counted under one name
    /// (`NameFold`: `AYŞE YILMAZ`, `Ayse Yilmaz` and `Ayşe Yılmaz` are one scorecard row, shown as the
    /// spelling most of her records use), tallies, employee × theme cells and verbatim lists merged.
    /// Applied once, to the whole run's aggregate (`RunReport`), so that a sharded run, merged, shows
    /// the same names as one run.
    public func foldingNames() -> RunAggregate {
        let employees = NameFold.merges(byEmployee.mapValues(\.responses))
        let channels = NameFold.merges(byChannel.mapValues(\.responses))
        if employees.isEmpty, channels.isEmpty { return self }
        var out = self
        out.byEmployee = Self.fold(byEmployee, employees)
        out.byChannel = Self.fold(byChannel, channels)
        if !employees.isEmpty {
            out.byEmployeeTheme = [:]
            for (employee, cells) in byEmployeeTheme {
                for (theme, tally) in cells { out.byEmployeeTheme[employees[employee] ?? employee, default: [:]][theme, default: SentimentTally()].merge(tally) }
            }
            out.topByEmployee = [:]
            for (employee, top) in topByEmployee { out.topByEmployee[employees[employee] ?? employee, default: TopVerbatims(limit: verbatimLimit)].merge(top) }
        }
        return out
    }

    /// `cells` with each spelling's tally merged into its group's name.
    private static func fold(_ cells: [String: SentimentTally], _ names: [String: String]) -> [String: SentimentTally] {
        guard !names.isEmpty else { return cells }
        var out: [String: SentimentTally] = [:]
        for (name, tally) in cells { out[names[name] ?? name, default: SentimentTally()].merge(tally) }
        return out
    }
}

extension SentimentTally {
    /// About how many responses a cell holds: its records with text, or its ratings where it has more
    /// of those (responses with a rating and no text). Weighs one spelling of a name against another,
    /// and orders the channels.
    var responses: Int { max(n, csatCount, npsCount) }
}
