import Foundation
import CLibFuzzer

// Seeds first (one per data file, its bundled text behind its target byte) when asked, then
// libFuzzer's driver takes over and calls fuzzDataFile on each input.
if let seeds = ProcessInfo.processInfo.environment["VERBATIM_FUZZ_SEEDS"] { DataFuzz.writeSeeds(to: URL(fileURLWithPath: seeds)) }
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    fuzzDataFile(data ?? UnsafePointer(bitPattern: 1)!, size)
}
exit(status)
