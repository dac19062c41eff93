import Foundation
import CLibFuzzer

// Seeds first (the fixtures' partials, whole and in three shards) when asked, then libFuzzer's
// driver takes over and calls fuzzPartial on each input.
if let seeds = ProcessInfo.processInfo.environment["VERBATIM_FUZZ_SEEDS"] { PartialFuzz.writeSeeds(to: URL(fileURLWithPath: seeds)) }
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    fuzzPartial(data ?? UnsafePointer(bitPattern: 1)!, size)
}
exit(status)
