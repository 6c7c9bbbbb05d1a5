// Placeholder entry point; benchmarks land with their issues.
print("remind-bench: no benchmarks yet")
