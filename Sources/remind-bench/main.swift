// remind-bench SUBCOMMAND [ARGS…]: benchmarks that print figures, run by hand in release mode
// (`swift build -c release && .build/release/remind-bench …`). One file per benchmark, one line here each.
import Foundation
import RemindService

// The process settings `remindd serve` runs with, so that the figures are the service's.
ProcessTuning.apply()

let arguments = Array(CommandLine.arguments.dropFirst())
let rest = Array(arguments.dropFirst())
switch arguments.first {
case "parse": ParseBenchmark.run(rest)
case "recurrence": RecurrenceBenchmark.run()
case "store": try await StoreBenchmark.run(arguments: rest)
case "delivery": try await DeliveryBenchmark.run(arguments: rest)
case "http": try await HTTPBenchmark.run(arguments: rest)
case "e2e": try await EndToEndBenchmark.run(arguments: rest)
case "fake-mattermost": try await BenchMattermostProcess.serve(arguments: rest)
default:
    print("usage: remind-bench parse [corpus.jsonl] [rounds] | recurrence | store [dir] [--rates-only]"
        + " | delivery [floor|spread|same|startup|limited …] [--in-process]"
        + " | http [--remindd PATH] [--seconds N] [--connections 1,16,64] [--rate R] | e2e [--remindd PATH] [--count N]")
    exit(2)
}
