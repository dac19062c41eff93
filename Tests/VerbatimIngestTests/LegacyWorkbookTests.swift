import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimIngest

/// FreeXL reads a legacy workbook in a child process (`LegacyWorkbook`): what the reader says when
/// that child dies while the rows stream, and that nothing of it is left behind.
@Suite("Legacy workbooks read in a child process")
struct LegacyWorkbookTests {
    static let many = RepoPaths.testData.appendingPathComponent("ingest/legacy_many_rows.xls").path

    /// The child has written the header when it is killed, as a crash inside FreeXL would end it, and
    /// cannot have written the whole sheet (about 480 KB of rows; a pipe and one read hold 128 KB): the
    /// rows it wrote are read, then the reader says FreeXL stopped and why, instead of taking the cut
    /// sheet for the whole one. (How many rows came first depends on the scheduler, so it is not pinned.)
    @Test func aChildThatDiesMidSheetIsAnErrorWithItsSignal() throws {
        let book = try LegacyWorkbook(path: Self.many, sheet: nil, maxBytes: XLSRecordReader.maxFileBytes)
        #expect(book.sheetNames == ["Yanıtlar"] && book.encoding == "utf-16le")
        #expect(kill(book.pid, SIGKILL) == 0)
        var rows = 0
        #expect {
            while try book.nextRow() != nil { rows += 1 }
        } throws: { error in
            "\(error)".contains("FreeXL stopped on it (signal 9)")
        }
        #expect(rows < 1500, "\(rows) rows read before the end")
    }

    /// The child is this executable started anew, not a fork of a process whose other threads may
    /// hold glibc's locks (FreeXL calls `iconv_open`): its arguments are the reader's, and its
    /// executable is ours. It is still writing the sheet when asked (about 480 KB of rows, more than
    /// a pipe holds), so it has not exited.
    @Test func theChildIsThisExecutableStartedAnew() throws {
        let book = try LegacyWorkbook(path: Self.many, sheet: nil, maxBytes: XLSRecordReader.maxFileBytes)
        let arguments = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(book.pid)/cmdline"))
            .split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        #expect(arguments == ["verbatim-legacy-workbook", "--verbatim-legacy-workbook-child", Self.many])
        let ours = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(book.pid)/exe") == ours)
    }

    /// A reader that stops early (a header that cannot be read) lets the workbook go: its child is
    /// killed and reaped, not left running or as a zombie.
    @Test func aWorkbookLetGoEndsItsChild() throws {
        var pid: pid_t = 0
        do {
            let book = try LegacyWorkbook(path: Self.many, sheet: nil, maxBytes: XLSRecordReader.maxFileBytes)
            pid = book.pid
            _ = try book.nextRow()
        }
        #expect(kill(pid, 0) == -1 && errno == ESRCH, "the child \(pid) still exists")
    }

    @Test func aSheetTheWorkbookDoesNotHaveIsNamedWithTheOnesItHas() {
        #expect(throws: IngestError.sheetMissing(sheet: "Sheet1", available: ["Yanıtlar"])) {
            _ = try LegacyWorkbook(path: Self.many, sheet: "Sheet1", maxBytes: XLSRecordReader.maxFileBytes)
        }
    }

    @Test func aWorkbookLargerThanTheLimitIsRefusedBeforeItIsRead() {
        #expect {
            _ = try LegacyWorkbook(path: Self.many, sheet: nil, maxBytes: 1000)
        } throws: { error in
            "\(error)".contains("more than the 1000 a legacy .xls is read up to")
        }
    }
}
