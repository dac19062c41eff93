/// Collects the text and attributes of one XML record element, keyed by path
/// relative to it (`text`, `agent/name`, `@id`, `category/@term`).
///
/// A direct child's value is all the text inside it, nested elements
/// included; deeper paths keep their own text only when the source names
/// them in `fields:` (`wanted`), since nothing else reads them. Every byte
/// kept counts against `limit` (text once per path it is kept under, path
/// names and attribute values too), so one record can never hold more than
/// about `limit` bytes however it is shaped; past the limit the builder stops
/// collecting and the record is rejected as too long.
struct XMLRecordBuilder {
    /// Depth of the record element (root = 0).
    let depth: Int
    /// Line of the record element's start tag.
    let line: Int
    let limit: Int
    /// Paths below the direct children whose own text is wanted (from `fields:`).
    let wanted: Set<String>
    private(set) var values = PathValues()
    /// Paths in the order first seen, for alias matching and the raw summary.
    var order: [String] { values.paths }
    /// Open elements inside the record, as paths.
    private var stack: [String] = []
    private var bytes = 0
    private(set) var overflow = false

    init(depth: Int, line: Int, limit: Int, wanted: Set<String> = []) {
        self.depth = depth
        self.line = line
        self.limit = limit
        self.wanted = wanted
    }

    /// Counts `n` more bytes kept; false (and `overflow`) once past the limit.
    private mutating func charge(_ n: Int) -> Bool {
        bytes += n
        if bytes > limit { overflow = true }
        return !overflow
    }

    private mutating func set(_ path: String, append text: String) {
        let i = values.index(of: path)
        guard charge(text.utf8.count + (i == nil ? path.utf8.count : 0)) else { return }
        if let i { values.append(text, at: i) } else { values.add(path, text) }
    }

    /// Keeps the attributes of the record (`prefix` "") or of a child (`prefix` "child/").
    mutating func addAttributes(prefix: String, _ attrs: [(name: String, value: String)]) {
        for (n, v) in attrs { set(prefix + "@" + n, append: v) }
    }

    /// An element opens inside the record.
    mutating func open(_ name: String, attributes: [(name: String, value: String)]) {
        let path = stack.isEmpty ? name : stack.last! + "/" + name
        stack.append(path)
        guard !overflow else { return }
        if stack.count == 1 || wanted.contains(path) {
            // A repeated direct child (two <category>) reads as one value, space-separated.
            if values.index(of: path) == nil { set(path, append: "") } else if stack.count == 1 { set(path, append: " ") }
        } else if !charge(path.utf8.count) {
            return  // deeper paths are only counted: their names still take memory on the stack
        }
        if !attributes.isEmpty { addAttributes(prefix: path + "/", attributes) }
    }

    /// The innermost open element closes.
    mutating func close() { if !stack.isEmpty { stack.removeLast() } }

    /// Character data inside the innermost open element.
    mutating func text(_ t: String) {
        guard !overflow, let child = stack.first else { return }
        set(child, append: t)
        for p in stack.dropFirst() where wanted.contains(p) { set(p, append: t) }
    }

    /// The first paths and values, shortened, for the reject's raw column.
    var rawSummary: String {
        order.prefix(8).map { "\($0)=\(values[$0]!.prefix(60))" }.joined(separator: " | ")
    }
}

/// A record's values by path, in the order the paths were first seen.
///
/// A record has a handful of paths: they are found by comparing strings
/// (cheaper than hashing them), and only a record with many (a damaged or
/// hostile export) gets a hash index, so the work stays linear in its size.
struct PathValues {
    private(set) var paths: [String] = []
    private var texts: [String] = []
    private var index: [String: Int]?
    static let scanLimit = 16

    subscript(path: String) -> String? { index(of: path).map { texts[$0] } }

    func index(of path: String) -> Int? {
        if let index { return index[path] }
        return paths.firstIndex(of: path)
    }

    mutating func add(_ path: String, _ text: String) {
        paths.append(path)
        texts.append(text)
        if index != nil {
            index![path] = paths.count - 1
        } else if paths.count > Self.scanLimit {
            index = Dictionary(uniqueKeysWithValues: paths.enumerated().map { ($1, $0) })
        }
    }

    mutating func append(_ text: String, at i: Int) { texts[i] += text }

    /// The value of the `i`th path (in `paths` order).
    func text(at i: Int) -> String { texts[i] }
}
