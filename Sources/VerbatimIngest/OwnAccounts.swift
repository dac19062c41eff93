import Foundation
import VerbatimCore

/// The company's own accounts and its staff's (`own_accounts:` in the pipeline file, at the top or in a
/// `sources:` rule): a post or message one of them wrote is the company answering, not a customer's
/// feedback, and is set aside (`NotFeedback.staffAnswer`), counted, never analysed.
///
/// A Telegram support group is answered from staff's own accounts as often as from the group's (which
/// `TelegramMessage` already sets aside), and a social-listening export holds the brand's replies beside
/// its customers' posts. Read as feedback, "Sorry for the trouble, please write to us in DM" counted as a
/// customer's words. An account is written as the export writes its author: a name (`Aigerim | Support`),
/// a handle (`@TurkTelekom`) or an id (`user123456789`; VK's `-12345`), and compared without case, a
/// leading `@` or the spaces around it.
public struct OwnAccounts: Sendable, Hashable {
    private var accounts: Set<String> = []

    public init(_ list: [String] = []) {
        for account in list {
            let k = Self.key(account)
            if !k.isEmpty { accounts.insert(k) }
        }
    }

    public var isEmpty: Bool { accounts.isEmpty }
    /// How many accounts (as compared: `@TurkTelekom` and `turktelekom` are one).
    public var count: Int { accounts.count }

    /// These accounts and `other`'s.
    public func union(_ other: OwnAccounts) -> OwnAccounts {
        var both = self
        both.accounts.formUnion(other.accounts)
        return both
    }

    /// An account as compared: trimmed, without a leading `@`, in lower case.
    public static func key(_ s: String) -> String {
        var t = Substring(s.trimmingCharacters(in: .whitespacesAndNewlines))
        if t.hasPrefix("@") { t = t.dropFirst() }
        return t.lowercased()
    }

    /// Whether the author cell `bytes` names one of these accounts (an Atom `<author>`'s name: the XML
    /// reader reads `author/name` for it).
    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !accounts.isEmpty && accounts.contains(Self.key(String(decoding: bytes, as: UTF8.self)))
    }

    /// The keys of a JSON record, besides a person's (`HeaderAliases.isPerson`: `author`, `from`, `user`),
    /// that name who wrote it (Telegram's `from_id`, an API's `author_id`, `screen_name`), as
    /// `HeaderAliases.key` writes them. VK's `owner_id` is the wall's owner, not the writer, and is not one.
    static let authorKeys: Set<String> = [
        "fromid", "authorid", "userid", "actorid", "username", "screenname", "authorname", "authorhandle", "authorusername", "handle",
        "nickname", "login",
    ]

    /// The keys of a person's object (`"author": {"name": …, "screen_name": …}`) that name them.
    static let nameKeys: Set<String> = [
        "name", "username", "screenname", "handle", "id", "idstr", "login", "displayname", "nickname", "fullname", "title",
    ]

    /// Whether one of these accounts wrote the JSON record `object`: its author as a value of an author
    /// key or a person key, or as a name of the object a person key holds.
    func wrote(_ object: [String: Any], aliases: HeaderAliases) -> Bool {
        guard !accounts.isEmpty else { return false }
        for (key, value) in object {
            let person = aliases.isPerson(key)
            guard person || Self.authorKeys.contains(HeaderAliases.key(key)) else { continue }
            if let s = JSONRecordReader.scalar(value), accounts.contains(Self.key(s)) { return true }
            guard person, let nested = value as? [String: Any] else { continue }
            for (name, v) in nested where Self.nameKeys.contains(HeaderAliases.key(name)) {
                if let s = JSONRecordReader.scalar(v), accounts.contains(Self.key(s)) { return true }
            }
        }
        return false
    }
}
