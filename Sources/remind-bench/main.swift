// remind-bench: benchmarks run by hand in release mode; one line per benchmark in this dispatch.
let benchmarkArguments = Array(CommandLine.arguments.dropFirst(2))
switch CommandLine.arguments.dropFirst().first {
case "recurrence": RecurrenceBenchmark.run()
case "parse": ParseBenchmark.run(benchmarkArguments)
default: print("usage: remind-bench recurrence | parse [corpus.jsonl]")
}
