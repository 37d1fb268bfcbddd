using BenchmarkDotNet.Running;

// In-process micro-benchmarks of LowRank's kernels (BenchmarkDotNet). The side-by-side comparison with
// numpy/scikit-learn, which docs/benchmarks.md reports, is bench/compare.py.
// Run: dotnet run -c Release --project bench/LowRank.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
