import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport

/// The export folder as a user fills it: every file read or accounted for, one file as input,
/// and the tool installed elsewhere (`make install`), run from any folder.
@Suite("Input folders, single files and the installed tool", .serialized)
struct InputFolderTests {
    static let formats = RepoPaths.testData.appendingPathComponent("formats")

    /// Runs pipelines/formats.yaml over `input` into a fresh folder; the manifest's inputs by file, and the folder.
    func run(_ input: URL, extra: [String] = []) throws -> (result: CommandResult, inputs: [String: [String: Any]], out: TemporaryFolder) {
        let out = TemporaryFolder()
        let r = try runVerbatim(["run", "--pipeline", "pipelines/formats.yaml", "--input", input.path, "--out", out.url.path, "--no-store", "--quiet"] + extra)
        var inputs: [String: [String: Any]] = [:]
        if let data = try? Data(contentsOf: out.url.appendingPathComponent("manifest.json")),
           let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] {
            for i in root["inputs"] as? [[String: Any]] ?? [] { inputs[i["file"] as! String] = i }
        }
        return (r, inputs, out)
    }

    @Test func everyFileOfTheFolderIsNamedInTheManifestWithItsState() throws {
        let (r, inputs, out) = try run(Self.formats)
        defer { out.remove() }
        #expect(r.status == 2, "rows were rejected: \(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.formats.path)
        #expect(Set(inputs.keys) == Set(files))
        let skipped = Set(inputs.filter { $0.value["status"] as? String == "skipped" }.keys)
        #expect(skipped == ["haftalik_rapor.pdf", ".~lock.qualtrics_tr_2026-11-21.csv#", "~$msforms_mn_2026-11-21.xlsx"])
        for (name, i) in inputs where !skipped.contains(name) {
            #expect(i["status"] as? String == "processed", "\(name): \(i)")
        }
        // One warning line per skipped file, and one per rating column left unread (Qualtrics' 0–10 satisfaction).
        #expect(r.stderr.split(separator: "\n").filter { $0.contains(": skipped: ") }.count == 3, "\(r.stderr)")
        let unread = r.stderr.split(separator: "\n").filter { $0.contains(": rating column '") }
        #expect(unread.count == 1 && unread[0].contains("warning qualtrics_tr_2026-11-21.csv: rating column 'Q1' not read: "), "\(unread)")
        // Every record of every readable file is in the reports.
        let accepted = inputs.values.compactMap { $0["accepted"] as? Int }.reduce(0, +)
        #expect(accepted == 5 + 5 + 5 + 4 + 3 + 2 + 3 + 3 + 3 + 4 + 2 + 3 + 3 + 3 + 3 + 3 + 2 + 3 + 3)
        let records = try String(contentsOf: out.url.appendingPathComponent("records.csv"), encoding: .utf8)
        #expect(records.utf8.split(separator: 10).count - 1 >= accepted)
        #expect(records.contains("exports_2026-11-21.zip!sanal_mn.xml"))
        let zip = inputs["exports_2026-11-21.zip"]?["members"] as? [[String: Any]]
        #expect(zip?.map { $0["file"] as? String } == ["exports_2026-11-21.zip!anketa_sr.csv", "exports_2026-11-21.zip!sanal_mn.xml"])
        let qualtrics = inputs["qualtrics_tr_2026-11-21.csv"]?["text_column"] as? [String: Any]
        #expect(qualtrics?["name"] as? String == "Q2_TEXT")
    }

    /// A date and a channel column named in a tool's own words are found by their values and said in the
    /// manifest; a table with no date at all is read, with one warning line saying its records count in no day.
    @Test func columnsFoundByContentAreInTheManifestAndADatelessTableIsWarnedOf() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        dir.write("anket.csv", "Segment,Tarih Bilgisi,Nereden,Yorum\nBireysel,05.12.2026,Telefon,Temsilci çok kibardı teşekkürler\n")
        dir.write("tarihsiz.csv", "Ref,Yorum\n50012,Bekleme süresi çok uzundu maalesef\n")
        let (r, inputs, out) = try run(dir.url)
        defer { out.remove() }
        #expect(r.status == 0, "\(r.stderr)")
        let found = inputs["anket.csv"]?["columns_by_content"] as? [[String: Any]]
        #expect(found?.map { $0["field"] as? String } == ["date", "channel"])
        #expect(found?.map { $0["name"] as? String } == ["Tarih Bilgisi", "Nereden"])
        #expect(inputs["anket.csv"]?["columns_not_read"] as? [String] == ["Segment"])
        let warned = r.stderr.split(separator: "\n").filter { $0.contains("no column holds the date") }
        #expect(warned.count == 1 && warned[0].contains("warning tarihsiz.csv: no column holds the date (columns not read: 'Ref')"), "\(r.stderr)")
        let records = try String(contentsOf: out.url.appendingPathComponent("records.csv"), encoding: .utf8)
        #expect(records.contains("anket.csv,2,2026-12-05,,Phone,"), "\(records)")
    }

    /// What is no customer's feedback (a Telegram group's service lines and own answers, a channel's own
    /// posts, a helpdesk's unanswered surveys) is counted in the manifest, set aside without a reject, and
    /// kept through a partial and its merge; a channel's export, all its own posts, is warned of.
    @Test func itemsThatAreNoFeedbackAreCountedAsideThroughPartialsToo() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        dir.write("group.json", #"""
            {"name": "Beeline KZ", "type": "public_supergroup", "id": 77, "messages": [
             {"id": 1, "type": "service", "date": "2026-12-05T09:00:00", "date_unixtime": "1796461200", "actor": "Aruzhan", "actor_id": "user1", "action": "join_group_by_link", "text": ""},
             {"id": 2, "type": "message", "date": "2026-12-05T09:05:00", "date_unixtime": "1796461500", "from": "Aruzhan", "from_id": "user1", "text": "Интернет екі күн бойы жоқ, өте нашар"},
             {"id": 3, "type": "message", "date": "2026-12-05T09:07:00", "date_unixtime": "1796461620", "from": "Beeline KZ", "from_id": "channel77", "text": "Кешіріңіз, тексеріп жатырмыз, рахмет!"}
            ]}
            """#)
        dir.write("channel.json", #"{"name": "Beeline news", "type": "public_channel", "id": 78, "messages": [{"id": 1, "type": "message", "date": "2026-12-05T08:00:00", "date_unixtime": "1796457600", "from": "Beeline news", "from_id": "channel78", "text": "Жаңа тариф!"}]}"#)
        dir.write("zendesk.csv", "Ticket ID,Created at,Satisfaction Score,Satisfaction Comment\n11,2026-12-05 10:00,Unoffered,\n12,2026-12-05 11:00,\"Good, I'm satisfied\",Hızlı çözdünüz teşekkürler\n")
        let (r, inputs, out) = try run(dir.url)
        defer { out.remove() }
        #expect(r.status == 0, "nothing is a reject: \(r.stderr)")
        #expect(inputs["group.json"]?["set_aside"] as? [String: Int] == ["service_line": 1, "own_message": 1])
        #expect(inputs["group.json"]?["accepted"] as? Int == 1)
        #expect(inputs["channel.json"]?["set_aside"] as? [String: Int] == ["own_message": 1])
        #expect(inputs["zendesk.csv"]?["set_aside"] as? [String: Int] == ["unanswered_survey": 1])
        let warned = r.stderr.split(separator: "\n").filter { $0.contains("none a customer's") }
        #expect(warned.count == 1 && warned[0].contains("warning channel.json: all 1 messages are the chat's own posts"), "\(r.stderr)")
        let partial = out.url.appendingPathComponent("p.partial").path
        let shard = try runVerbatim(["run", "--pipeline", "pipelines/formats.yaml", "--input", dir.url.path, "--shard", "0/1", "--partial", partial, "--no-store", "--quiet"])
        #expect(shard.status == 0, "\(shard.stderr)")
        let merged = try runVerbatim(["merge", "--pipeline", "pipelines/formats.yaml", "--out", out.url.appendingPathComponent("merged").path, "--no-store", "--quiet", partial])
        #expect(merged.status == 0, "\(merged.stderr)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.url.appendingPathComponent("merged/manifest.json"))) as? [String: Any]
        let mergedInputs = (manifest?["inputs"] as? [[String: Any]] ?? []).reduce(into: [String: [String: Any]]()) { $0[$1["file"] as! String] = $1 }
        for name in ["group.json", "channel.json", "zendesk.csv"] {
            #expect(mergedInputs[name]?["set_aside"] as? [String: Int] == inputs[name]?["set_aside"] as? [String: Int], "\(name)")
        }
        #expect((manifest?["totals"] as? [String: Any])?["set_aside"] as? Int == 4)
    }

    /// A legacy workbook is read (FreeXL); one that is only the start of one is rejected whole, and the run goes on.
    @Test func aDamagedLegacyWorkbookIsRejectedWholeWithItsReason() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        dir.write("eski.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 64))
        try FileManager.default.copyItem(at: Self.formats.appendingPathComponent("googleforms_kk_2026-11-21.csv"),
                                         to: dir.url.appendingPathComponent("anket.csv"))
        let (r, inputs, out) = try run(dir.url)
        defer { out.remove() }
        #expect(r.status == 2)
        #expect(inputs["eski.xls"]?["status"] as? String == "rejected")
        let reason = "not a readable spreadsheet: its Office container is damaged or cut short (is the file complete?)"
        #expect(inputs["eski.xls"]?["error"] as? String == reason)
        #expect(r.stderr.contains("eski.xls: \(reason)"), "one warning line: \(r.stderr)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.url.appendingPathComponent("manifest.json"))) as? [String: Any]
        #expect((manifest?["totals"] as? [String: Any])?["files_rejected"] as? Int == 1)
    }

    @Test func inputMayBeOneFile() throws {
        let file = Self.formats.appendingPathComponent("googleforms_kk_2026-11-21.csv")
        let (r, inputs, out) = try run(file)
        defer { out.remove() }
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Array(inputs.keys) == ["googleforms_kk_2026-11-21.csv"])
        #expect(inputs.values.first?["accepted"] as? Int == 5)
    }

    @Test func aMissingInputSaysWhatIsWrong() throws {
        let (r, _, out) = try run(Self.formats.appendingPathComponent("nope.csv"))
        defer { out.remove() }
        #expect(r.status != 0)
        #expect(r.stderr.contains("input '\(Self.formats.path)/nope.csv' does not exist: no file or folder of that name in '\(Self.formats.path)'"), "\(r.stderr)")
        let (r2, _, out2) = try run(Self.formats.appendingPathComponent("googleforms_kk_2026-11-21.csv/x"))
        defer { out2.remove() }
        #expect(r2.stderr.contains("googleforms_kk_2026-11-21.csv' is a file, not a folder"), "\(r2.stderr)")
    }

    /// The layout `make install` makes: bin/verbatim and share/verbatim/{lexicons,pipelines}; used from `/`.
    @Test func installedBinaryFindsItsDataFromItsOwnLocation() throws {
        let prefix = TemporaryFolder()
        defer { prefix.remove() }
        let fm = FileManager.default
        try fm.createDirectory(at: prefix.url.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try fm.createDirectory(at: prefix.url.appendingPathComponent("share/verbatim"), withIntermediateDirectories: true)
        let binary = prefix.url.appendingPathComponent("bin/verbatim")
        try fm.copyItem(at: RepoPaths.binary, to: binary)
        try fm.copyItem(at: RepoPaths.lexicons, to: prefix.url.appendingPathComponent("share/verbatim/lexicons"))
        let p = Process()
        p.executableURL = binary
        p.arguments = ["classify", "--lang", "tr"]
        p.currentDirectoryURL = URL(fileURLWithPath: "/")
        let out = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardInput = inp
        p.standardError = FileHandle.nullDevice
        try p.run()
        inp.fileHandleForWriting.write(Data("Temsilci çok kibardı, teşekkürler\n".utf8))
        try inp.fileHandleForWriting.close()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(text.hasPrefix("positive\t"), "\(text)")
    }

    /// `verbatim run --input DIR --out DIR` from any folder, with the binary of the checkout (`make run` builds it there).
    @Test func theCheckoutsBinaryRunsFromAnyFolder() throws {
        let out = TemporaryFolder()
        defer { out.remove() }
        let input = Self.formats.appendingPathComponent("googleforms_kk_2026-11-21.csv")
        let r = try runVerbatim(["run", "--input", input.path, "--out", out.url.path, "--no-store", "--quiet"], in: URL(fileURLWithPath: "/"),
                                environment: ["VERBATIM_HOME": ""])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(out.read("records.csv")?.contains("googleforms_kk_2026-11-21.csv") == true)
    }

    @Test func verbatimHomeAndVersion() throws {
        let r = try runVerbatim(["--version"], in: URL(fileURLWithPath: "/"), environment: ["VERBATIM_HOME": RepoPaths.root.path])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("verbatim \(VerbatimVersion.current)\ndata: \(RepoPaths.lexicons.path) sha256 "), "\(r.stdout)")
        #expect(VerbatimVersion.current.split(separator: ".").count == 3 && VerbatimVersion.current.allSatisfy { $0.isNumber || $0 == "." })
        let c = try runVerbatim(["classify", "--lang", "tr"], in: URL(fileURLWithPath: "/"), stdin: "Çok kötü bir deneyimdi\n",
                                environment: ["VERBATIM_HOME": RepoPaths.root.path])
        #expect(c.stdout.hasPrefix("negative\t"), "\(c.stdout)\(c.stderr)")
    }
}
