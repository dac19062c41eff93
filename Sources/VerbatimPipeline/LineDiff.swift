/// A unified diff of two texts, line by line, for `verbatim check`.
public enum LineDiff {
    /// The lines of `text`, each without its `\n` or `\r\n`. Split on scalars: as a `Character`, `\r\n` is
    /// one grapheme that is not `\n`, so a CRLF file (every CSV report) was one line, and a changed row showed
    /// as the whole file. Line ends alone make no difference here (`FixtureCheck` says when only they differ).
    static func lines(of text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.last == "\r" ? line.dropLast() : line[...])
        }
    }

    /// Unified diff with `context` lines around each change; empty when equal.
    public static func unified(expected: String, actual: String, expectedName: String, actualName: String, context: Int = 3, maxLines: Int = 200) -> String {
        let a = lines(of: expected), b = lines(of: actual)
        if a == b { return "" }
        let ops = diff(a, b)
        // Group into hunks.
        var out = "--- \(expectedName)\n+++ \(actualName)\n"
        var lines = 0
        var i = 0
        while i < ops.count {
            guard ops[i].kind != .same else { i += 1; continue }
            let start = max(0, i - context)
            var end = i
            // Extend while changes are within 2*context of each other.
            var k = i
            while k < ops.count {
                if ops[k].kind != .same { end = k; k += 1; continue }
                if k - end > 2 * context { break }
                k += 1
            }
            let stop = min(ops.count, end + context + 1)
            let aStart = ops[start].aIndex + 1, bStart = ops[start].bIndex + 1
            let aCount = ops[start..<stop].filter { $0.kind != .insert }.count
            let bCount = ops[start..<stop].filter { $0.kind != .delete }.count
            out += "@@ -\(aStart),\(aCount) +\(bStart),\(bCount) @@\n"
            for op in ops[start..<stop] {
                switch op.kind {
                case .same: out += " " + a[op.aIndex] + "\n"
                case .delete: out += "-" + a[op.aIndex] + "\n"
                case .insert: out += "+" + b[op.bIndex] + "\n"
                }
                lines += 1
                if lines >= maxLines { return out + "… (diff truncated)\n" }
            }
            i = stop
        }
        return out
    }

    struct Op { enum Kind { case same, delete, insert }; var kind: Kind; var aIndex: Int; var bIndex: Int }

    /// LCS-based edit script (texts here are report files: thousands of lines at most).
    static func diff(_ a: [String], _ b: [String]) -> [Op] {
        // Trim common prefix and suffix first.
        var pre = 0
        while pre < a.count, pre < b.count, a[pre] == b[pre] { pre += 1 }
        var suf = 0
        while suf < a.count - pre, suf < b.count - pre, a[a.count - 1 - suf] == b[b.count - 1 - suf] { suf += 1 }
        let am = Array(a[pre..<(a.count - suf)]), bm = Array(b[pre..<(b.count - suf)])
        var ops: [Op] = (0..<pre).map { Op(kind: .same, aIndex: $0, bIndex: $0) }
        if am.count * bm.count > 25_000_000 {
            ops += am.indices.map { Op(kind: .delete, aIndex: pre + $0, bIndex: pre) }
            ops += bm.indices.map { Op(kind: .insert, aIndex: pre + am.count, bIndex: pre + $0) }
        } else {
            let n = am.count, m = bm.count
            var lcs = [[Int32]](repeating: [Int32](repeating: 0, count: m + 1), count: n + 1)
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i][j] = am[i] == bm[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
            var i = 0, j = 0
            while i < n || j < m {
                if i < n, j < m, am[i] == bm[j] { ops.append(Op(kind: .same, aIndex: pre + i, bIndex: pre + j)); i += 1; j += 1 }
                else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] { ops.append(Op(kind: .delete, aIndex: pre + i, bIndex: pre + j)); i += 1 }
                else { ops.append(Op(kind: .insert, aIndex: pre + i, bIndex: pre + j)); j += 1 }
            }
        }
        for k in 0..<suf { ops.append(Op(kind: .same, aIndex: a.count - suf + k, bIndex: b.count - suf + k)) }
        return ops
    }
}
