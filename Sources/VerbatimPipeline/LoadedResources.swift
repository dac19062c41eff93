import Foundation
import VerbatimAnalysis
import VerbatimCore
import VerbatimIngest
import VerbatimText

/// The data a pipeline runs with, loaded once from its lexicon folder and
/// validated: header aliases, text resources, lexicons.
public struct LoadedResources: Sendable {
    public var aliases: HeaderAliases
    public var text: TextResources
    public var lexicons: LexiconSet
    /// Warnings and errors found while loading (errors make `load` throw).
    public var issues: [DataFileIssue]

    /// Loads everything `config` points at. Throws when a data file has errors.
    public static func load(_ config: PipelineConfiguration) throws(ConfigurationError) -> LoadedResources {
        let r = loadCollectingIssues(config)
        if r.issues.contains(where: \.isError) { throw .dataFiles(r.issues) }
        return r
    }

    /// Loads and returns all issues, errors included (for `verbatim validate`).
    public static func loadCollectingIssues(_ config: PipelineConfiguration) -> LoadedResources {
        loadCollectingIssues(lexicons: config.lexicons, userLexicons: config.userLexicons, referencedFrom: config.file)
    }

    /// Loads from a lexicon folder directly (for `verbatim classify`).
    public static func loadCollectingIssues(lexicons: URL, userLexicons: [LexiconLoader.UserLexicon] = [], referencedFrom: String) -> LoadedResources {
        var issues: [DataFileIssue] = []
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: lexicons.path, isDirectory: &isDir) || !isDir.boolValue {
            issues.append(DataFileIssue(file: referencedFrom, line: 0, message: "lexicons: '\(lexicons.path)' is not a folder"))
        }
        let aliasURL = lexicons.appendingPathComponent("headers.tsv")
        var aliases = HeaderAliases(pairs: [])
        do { aliases = try HeaderAliases(contentsOf: aliasURL) } catch {
            issues.append(DataFileIssue(file: aliasURL.path, line: 0, message: "\(error)"))
        }
        let (text, textIssues) = TextResources.load(directory: lexicons)
        let (lexiconSet, lexIssues) = LexiconLoader(directory: lexicons, userLexicons: userLexicons).load()
        issues += textIssues + lexIssues
        return LoadedResources(aliases: aliases, text: text, lexicons: lexiconSet, issues: issues)
    }
}
