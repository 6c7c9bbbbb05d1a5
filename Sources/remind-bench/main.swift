// remind-bench: benchmarks run by hand in release mode; one line per benchmark in this dispatch.
switch CommandLine.arguments.dropFirst().first {
case "recurrence": RecurrenceBenchmark.run()
default: print("usage: remind-bench recurrence")
}
