import CFreeXL
import CLegacyWorkbook
import Foundation

/// A legacy workbook being read by FreeXL in a child process (`legacy_workbook_spawn`): FreeXL is
/// C reading untrusted binary files, and fuzzing found it reading past a buffer on a damaged
/// workbook, so a workbook that makes it crash, overrun or hang takes down only the child, and the
/// file is rejected with a reason. Rows stream through a pipe as the builder asks for them; the
/// child is killed and reaped when the workbook is let go.
final class LegacyWorkbook {
    private let fd: Int32
    /// The child reading the workbook.
    let pid: pid_t
    private var reaped = false
    private var buffer: [UInt8] = []
    private var position = 0
    /// Every worksheet's name, in order.
    private(set) var sheetNames: [String] = []
    /// The encoding its strings are stored in, as the summary names it.
    private(set) var encoding = ""
    /// The sheet read.
    private(set) var sheet = (index: 0, name: "")
    private var rows = 0, columns = 0, rowsRead = 0
    /// No byte from FreeXL for this long: it is taken to hang on the file, which is rejected.
    static let silenceLimit: Int32 = 30_000
    /// An `.xls` sheet (BIFF8) has at most 65,536 rows and 256 columns; a file that claims more is damaged.
    static let maxRows = 65_536, maxColumns = 256
    /// The longest text a cell may hold (Excel's limit is 32,767 characters).
    static let maxTextBytes = SheetLimits.maxCellBytes

    /// Starts reading `path` and reads its sheets' names, then selects `wanted` (or, when nil, the first sheet).
    init(path: String, sheet wanted: String?, maxBytes: Int) throws(IngestError) {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maxBytes else { throw .badWorkbook(reason: "it has \(size) bytes, more than the \(maxBytes) a legacy .xls is read up to: save it as .xlsx or CSV") }
        var fd: Int32 = -1
        var pid: pid_t = 0
        let spawned = wanted.map { name in name.withCString { legacy_workbook_spawn(path, $0, &fd, &pid) } } ?? legacy_workbook_spawn(path, nil, &fd, &pid)
        guard spawned == 0 else { throw .badWorkbook(reason: "cannot start reading it (\(String(cString: strerror(errno))))") }
        self.fd = fd
        self.pid = pid
        do { try readHeader(wanted: wanted) } catch {
            // Excel saves a password-protected .xlsx as an Office container holding only the encrypted
            // package: FreeXL finds no workbook in it, which would send the user looking for the wrong cause.
            if error == .badWorkbook(reason: Self.reason(FREEXL_BIFF_WORKBOOK_NOT_FOUND)), Self.holdsEncryptedPackage(path, maxBytes: maxBytes) {
                throw .passwordProtected
            }
            throw error
        }
    }

    /// Whether the Office container at `path` holds an `EncryptedPackage` stream (its directory names
    /// streams in UTF-16LE), as a password-protected `.xlsx`, `.docx` or `.pptx` does.
    static func holdsEncryptedPackage(_ path: String, maxBytes: Int) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.read(upToCount: maxBytes) else { return false }
        try? handle.close()
        return data.range(of: Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })) != nil
    }

    deinit {
        close(fd)
        if !reaped {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
    }

    private func readHeader(wanted: String?) throws(IngestError) {
        switch try tag() {
        case UInt8(ascii: "E"): throw .badWorkbook(reason: Self.reason(Int32(bitPattern: try u32())))
        case UInt8(ascii: "P"): throw .passwordProtected
        case UInt8(ascii: "I"): break
        case let t: throw damaged(t)
        }
        encoding = Self.encodingName(try u32())
        let count = Int(try u32())
        for _ in 0..<count {
            guard try tag() == UInt8(ascii: "N") else { throw damaged(nil) }
            sheetNames.append(try text())
        }
        switch try tag() {
        case UInt8(ascii: "M"):
            if let wanted { throw .sheetMissing(sheet: wanted, available: sheetNames) }
            throw .badWorkbook(reason: "it holds no worksheet")
        case UInt8(ascii: "E"): throw .badWorkbook(reason: Self.reason(Int32(bitPattern: try u32())))
        case UInt8(ascii: "D"): break
        case let t: throw damaged(t)
        }
        let index = Int(try u32())
        rows = Int(try u32())
        columns = Int(try u32())
        guard index < sheetNames.count else { throw damaged(nil) }
        guard rows <= Self.maxRows, columns <= Self.maxColumns else {
            throw .badWorkbook(reason: "its sheet claims \(rows) rows and \(columns) columns, more than an .xls sheet holds (65,536 and 256): the file is damaged")
        }
        sheet = (index, sheetNames[index])
    }

    /// The next row of the sheet (its number from 1, its cells as text), or nil after the last.
    func nextRow() throws(IngestError) -> (line: Int, cells: [String])? {
        guard rowsRead < rows else {
            guard try tag() == UInt8(ascii: "Z") else { throw damaged(nil) }
            reap()
            return nil
        }
        guard try tag() == UInt8(ascii: "R") else { throw damaged(nil) }
        rowsRead += 1
        var cells: [String] = []
        cells.reserveCapacity(columns)
        for column in 0..<columns {
            switch try tag() {
            case UInt8(ascii: "n"): cells.append("")
            case UInt8(ascii: "i"): cells.append(String(Int32(bitPattern: try u32())))
            case UInt8(ascii: "d"):
                let low = UInt64(try u32()), high = UInt64(try u32())
                cells.append(PlainNumber.text(Double(bitPattern: high << 32 | low)))
            case UInt8(ascii: "t"): cells.append(try text())
            case UInt8(ascii: "e"):
                throw .badWorkbook(reason: "row \(rowsRead), column \(column + 1): \(Self.reason(Int32(bitPattern: try u32())))")
            case let t: throw damaged(t)
            }
        }
        return (rowsRead, cells)
    }

    // MARK: Reading the child's frames

    private func tag() throws(IngestError) -> UInt8 {
        if position == buffer.count { try fill() }
        defer { position += 1 }
        return buffer[position]
    }

    private func u32() throws(IngestError) -> UInt32 {
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(try tag()) << (8 * UInt32(k)) }
        return v
    }

    private func text() throws(IngestError) -> String {
        let length = Int(try u32())
        guard length <= Self.maxTextBytes else { throw damaged(nil) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        while bytes.count < length {
            if position == buffer.count { try fill() }
            let take = min(length - bytes.count, buffer.count - position)
            bytes.append(contentsOf: buffer[position..<(position + take)])
            position += take
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads what the child has written next, waiting at most `silenceLimit`.
    private func fill() throws(IngestError) {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Self.silenceLimit)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { throw .badWorkbook(reason: "FreeXL read nothing of it for \(Self.silenceLimit / 1000) s (it may loop on a damaged file), and was stopped") }
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw ended() }
            buffer = Array(chunk[0..<n])
            position = 0
            return
        }
    }

    /// The child's output ended before its last frame: why, from how it ended.
    private func ended() -> IngestError {
        let status = reap()
        if let signal = status.signal {
            return .badWorkbook(reason: "FreeXL stopped on it (signal \(signal)\(signal == SIGSEGV ? ", a memory fault" : signal == SIGABRT ? ", an abort" : "")): the file is damaged, or crafted")
        }
        return .badWorkbook(reason: "FreeXL stopped reading it before its end (exit status \(status.code ?? -1)): the file is damaged")
    }

    private func damaged(_ tag: UInt8?) -> IngestError {
        .badWorkbook(reason: "FreeXL's answer about it is not readable\(tag.map { " (tag \($0))" } ?? ""): the file is damaged")
    }

    /// Waits for the child to end; how it ended.
    @discardableResult private func reap() -> (code: Int32?, signal: Int32?) {
        guard !reaped else { return (nil, nil) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        reaped = true
        let signal = status & 0x7F
        return signal == 0 ? ((status >> 8) & 0xFF, nil) : (nil, signal)
    }

    /// The encoding of a BIFF code page, as summaries name encodings.
    static func encodingName(_ codePage: UInt32) -> String {
        switch Int32(codePage) {
        case FREEXL_BIFF_UTF16LE: "utf-16le"
        case FREEXL_BIFF_ASCII: "ascii"
        case FREEXL_BIFF_MACROMAN: "macintosh"
        case 1250...1258: "windows-\(codePage)"
        default: "cp\(codePage)"
        }
    }

    /// What a FreeXL error code means for the person who gave the file.
    static func reason(_ code: Int32) -> String {
        switch code {
        case FREEXL_FILE_NOT_FOUND: "it cannot be opened"
        case FREEXL_INSUFFICIENT_MEMORY: "there is not enough memory to read it"
        case FREEXL_INVALID_CFBF_HEADER, FREEXL_CFBF_INVALID_SIGNATURE, FREEXL_CFBF_INVALID_SECTOR_SIZE:
            "its Office container's header is damaged (is the file complete?)"
        case FREEXL_CFBF_READ_ERROR, FREEXL_CFBF_SEEK_ERROR, FREEXL_CFBF_EMPTY_FAT_CHAIN, FREEXL_CFBF_ILLEGAL_FAT_ENTRY,
             FREEXL_INVALID_MINI_STREAM, FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY:
            "its Office container is damaged or cut short (is the file complete?)"
        case FREEXL_BIFF_INVALID_BOF, FREEXL_BIFF_WORKBOOK_NOT_FOUND:
            "it holds no Excel workbook (is it a Word or PowerPoint file named .xls?)"
        case FREEXL_BIFF_INVALID_SST, FREEXL_BIFF_ILLEGAL_SST_INDEX: "its table of strings is damaged"
        case FREEXL_INVALID_CHARACTER: "a text holds a byte that is not a character of the workbook's code page"
        case FREEXL_UNSUPPORTED_CHARSET: "its code page cannot be converted to UTF-8"
        case FREEXL_ILLEGAL_RK_VALUE: "a number in it is damaged"
        case FREEXL_CRAFTED_FILE: "it is damaged in a way FreeXL refuses to read (possibly crafted)"
        default: "FreeXL could not read it (error \(code))"
        }
    }
}
