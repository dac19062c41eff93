import Foundation
import CLibFuzzer

// libFuzzer's driver takes over: it reads its flags (-max_total_time, -timeout, a corpus
// folder, …) from the command line and calls fuzzHTMLReader on each input.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    fuzzHTMLReader(data ?? UnsafePointer(bitPattern: 1)!, size)
}
exit(status)
