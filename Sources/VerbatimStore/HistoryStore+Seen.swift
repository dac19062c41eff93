import GRDB

extension HistoryStore {
    /// Of `sha256s`, the contents an earlier run processed (or rejected whole),
    /// which a nightly run skips. Reads only, without the write lock, so a
    /// driver can plan shards while another run writes (`verbatim list --unseen`).
    public func processedContents(among sha256s: [String]) throws(StoreError) -> Set<String> {
        do {
            return try queue.read { db in
                var seen = Set<String>()
                let statement = try db.makeStatement(sql: """
                    SELECT 1 FROM files WHERE sha256 = ? AND status IN ('processed', 'rejected') AND processed_run_id IS NOT NULL LIMIT 1
                    """)
                for sha in Set(sha256s) where !sha.isEmpty {
                    if try Int.fetchOne(statement, arguments: [sha]) != nil { seen.insert(sha) }
                }
                return seen
            }
        } catch {
            throw Self.storeError(error, path: url.path, operation: "looking up earlier files", lockTimeout: lockTimeout)
        }
    }
}
