import Foundation
import VerbatimCore

/// The channel names the reports show for what exports write, loaded from `lexicons/channels.tsv`:
/// social-listening tools name a network by a code (Talkwalker's `SOCIALMEDIA_TWITTER`) or not at all,
/// giving only the mention's address (`https://instagram.com/p/502`). A channel value that is a listed
/// name is shown as its channel (`SOCIALMEDIA_TWITTER`, `X` → `Twitter`); a record without a channel
/// takes the channel of its link's host (`link` field: `url`, `permalink`, RSS `<link>`), its
/// subdomains included (`m.facebook.com` → `Facebook`). Other values stay as written.
public struct ChannelNames: Sendable {
    /// Folded names (`HeaderAliases.key`) → channel.
    private var names: [String: String] = [:]
    /// Lower-case hosts → channel.
    private var hosts: [String: String] = [:]
    /// The channels themselves, folded (`phone`, `twitter`) → as the file writes them (`Phone`, `Twitter`).
    private var channels: [String: String] = [:]

    /// Without names: channels as written, none from links.
    public init() {}

    /// Loads `channel<TAB>name` lines, where a name with a dot and no space is a web host (`twitter.com`);
    /// the issues name each line that is not one.
    public static func load(_ url: URL) -> (ChannelNames, [DataFileIssue]) {
        var table = ChannelNames()
        let (lines, issue) = DataFile.read(url, required: true)
        var issues = issue.map { [$0] } ?? []
        for line in lines ?? [] {
            func bad(_ message: String) { issues.append(DataFileIssue(file: url.path, line: line.line, message: message)) }
            guard line.fields.count == 2, !line.fields[0].isEmpty, !line.fields[1].isEmpty else {
                bad("expected 'channel<TAB>name or host'"); continue
            }
            let (channel, name) = (line.fields[0], line.fields[1])
            if isHost(name) {
                let host = name.lowercased()
                if let before = table.hosts[host], before != channel { bad("host '\(name)' is listed before as \(before)"); continue }
                table.hosts[host] = channel
            } else {
                let key = HeaderAliases.key(name)
                guard !key.isEmpty else { bad("'\(name)' has no letter or digit"); continue }
                if let before = table.names[key], before != channel { bad("'\(name)' is listed before as \(before)"); continue }
                table.names[key] = channel
            }
            table.channels[HeaderAliases.key(channel)] = channel
        }
        return (table, issues)
    }

    static func isHost(_ name: String) -> Bool { name.contains(".") && !name.contains(where: \.isWhitespace) }

    /// The channel a record shows: its channel value, named as listed; else the channel of its link's host; else nil.
    func channel(_ value: String?, link: String?) -> String? {
        if let value { return shown(value) }
        return link.flatMap(channel(ofLink:))
    }

    /// A channel value as the reports show it: its listed channel; the channel itself written otherwise
    /// (Brandwatch's page type `twitter` is `Twitter`); a listed host or one below it (a listening tool's
    /// source `instagram.com`, `www.vk.com`); else as written. Also applied to the channels a history
    /// store kept from earlier runs, which an older `channels.tsv` may have named otherwise (`RunHistory.trends`).
    public func shown(_ value: String) -> String {
        guard !names.isEmpty || !hosts.isEmpty else { return value }
        let key = HeaderAliases.key(value)
        if let channel = names[key] ?? channels[key] { return channel }
        if Self.isHost(value), let channel = channel(ofLink: value) { return channel }
        return value
    }

    /// Whether `value` is a channel this file names, or one of its names (`Telefon`, `Phone`,
    /// `SOCIALMEDIA_TWITTER`): what a column of channels holds (`ColumnByContent.channel`).
    func knows(_ value: String) -> Bool {
        let key = HeaderAliases.key(value)
        return names[key] != nil || channels[key] != nil
    }

    /// The channel of a link's host or of the nearest domain above it that is listed (`m.facebook.com` → `facebook.com`).
    func channel(ofLink link: String) -> String? {
        if let target = Self.redirectTarget(of: link) { return channel(ofLink: target) }
        guard !hosts.isEmpty, var host = Self.host(of: link) else { return nil }
        while true {
            if let c = hosts[host] { return c }
            guard let dot = host.firstIndex(of: "."), host[host.index(after: dot)...].contains(".") else { return nil }
            host = String(host[host.index(after: dot)...])
        }
    }

    /// The hosts whose links only lead elsewhere, and the query parameter that holds where.
    static let redirectors: [String: [String]] = [
        "google.com": ["url", "q"], "www.google.com": ["url", "q"],   // Google Alerts' and search results' links
        "l.facebook.com": ["u"], "lm.facebook.com": ["u"],            // Facebook's outbound links
    ]

    /// The address a redirecting link leads to (Google Alerts' `https://www.google.com/url?rct=j&url=https://www.sikayetvar.com/…`),
    /// when it names one with its scheme; nil for any other link.
    static func redirectTarget(of link: String) -> String? {
        guard let host = host(of: link), let keys = redirectors[host],
              let items = URLComponents(string: link.trimmingCharacters(in: .whitespaces))?.queryItems else { return nil }
        for key in keys {
            if let target = items.first(where: { $0.name == key })?.value, target.hasPrefix("http"), Self.host(of: target) != host { return target }
        }
        return nil
    }

    /// The lower-case host of an absolute web address (`https://www.Twitter.com:443/x` → `www.twitter.com`), or of
    /// one written without its scheme (`instagram.com/p/1`); nil when there is none.
    static func host(of link: String) -> String? {
        var rest = Substring(link.trimmingCharacters(in: .whitespaces))
        if let scheme = rest.range(of: "://") {
            guard rest[..<scheme.lowerBound].allSatisfy({ $0.isLetter }) else { return nil }
            rest = rest[scheme.upperBound...]
        }
        let end = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
        var host = rest[..<end]
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        let lowered = host.lowercased()
        guard lowered.contains("."), lowered.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
        return lowered
    }
}

/// One file's channel values and the names they are shown as (`ChannelNames.channel`), so that a
/// value repeated on every row is folded once: a file holds a handful of channels. Bounded: past
/// `limit` distinct values, the others are named without being remembered.
final class ChannelMemo {
    private var shown: [String: String] = [:]
    private let limit = 1024

    func channel(_ value: String, _ names: ChannelNames) -> String {
        if let s = shown[value] { return s }
        let s = names.shown(value)
        if shown.count < limit { shown[value] = s }
        return s
    }
}
