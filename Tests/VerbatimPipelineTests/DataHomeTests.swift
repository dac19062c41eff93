import Foundation
import Testing
import VerbatimTestSupport
@testable import VerbatimPipeline

/// Where a binary finds its data when a path is not found from the current folder.
@Suite("Data folder")
struct DataHomeTests {
    @Test func aBinaryBuiltInACheckoutFindsTheCheckout() {
        let root = RepoPaths.root.standardizedFileURL
        for built in [".build/x86_64-unknown-linux-gnu/release/verbatim", ".build/release/verbatim", ".build/debug/verbatim"] {
            #expect(DataHome.locate(environment: [:], executable: root.appendingPathComponent(built))?.path == root.path, "\(built)")
        }
    }

    @Test func theEnvironmentAndAnInstalledShareFolderComeFirst() {
        let share = TemporaryFolder()
        defer { share.remove() }
        share.write("share/verbatim/lexicons/headers.tsv", "")
        #expect(DataHome.locate(environment: [:], executable: share.url.appendingPathComponent("bin/verbatim"))?.path
            == share.url.appendingPathComponent("share/verbatim").path)
        #expect(DataHome.locate(environment: ["VERBATIM_HOME": "/srv/verbatim"], executable: RepoPaths.root.appendingPathComponent(".build/release/verbatim"))?.path
            == "/srv/verbatim")
    }

    @Test func aBinaryElsewhereHasNoDataFolder() {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        #expect(DataHome.locate(environment: [:], executable: dir.url.appendingPathComponent("bin/verbatim")) == nil)
        dir.write("x/.build/release/verbatim", "")
        #expect(DataHome.locate(environment: [:], executable: dir.url.appendingPathComponent("x/.build/release/verbatim")) == nil,
                "a build folder of a tree without lexicons/")
    }
}
