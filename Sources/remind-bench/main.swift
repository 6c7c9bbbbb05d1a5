// remind-bench SUBCOMMAND [ARGS…]: benchmarks that print figures. One file per benchmark.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "recurrence":
    RecurrenceBenchmark.run()
case "parse":
    ParseBenchmark.run(Array(arguments.dropFirst()))
case "store":
    try await StoreBenchmark.run(arguments: Array(arguments.dropFirst()))
case "delivery":
    try await DeliveryBenchmark.run(arguments: Array(arguments.dropFirst()))
case "http":
    try await HTTPBenchmark.run(arguments: Array(arguments.dropFirst()))
default:
    print("usage: remind-bench recurrence | parse [corpus.jsonl] | store [dir] | delivery"
        + " | http [--remindd PATH] [--seconds N] [--connections 1,16,64] [--rate R]")
    exit(2)
}
