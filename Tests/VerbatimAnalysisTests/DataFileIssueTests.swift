import Testing
import VerbatimCore

/// How data-file issues are shown: every file's first ones, then a count.
struct DataFileIssueTests {
    @Test func eachFileShowsItsFirstIssuesAndCountsTheRest() {
        let layer = (1...25).map { DataFileIssue(file: "export.csv", line: $0, message: "not a layer line") }
        let themes = [DataFileIssue(file: "themes.tsv", line: 3, message: "unknown theme")]
        let lines = DataFileIssue.listed(layer + themes, perFile: 10)
        #expect(lines.count == 12)
        #expect(lines[0] == "export.csv line 1: not a layer line" && lines[9] == "export.csv line 10: not a layer line")
        #expect(lines[10] == "themes.tsv line 3: unknown theme")
        #expect(lines[11] == "export.csv: 15 more problem(s) like those above, not listed")
        #expect(DataFileIssue.listed(Array(layer.prefix(10)), perFile: 10).count == 10, "exactly the limit: no count line")
    }
}
