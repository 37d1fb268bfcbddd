using BenchmarkDotNet.Running;

// In-process micro-benchmarks of LowRank's kernels (BenchmarkDotNet). The side-by-side comparison with
// numpy/scikit-learn, which docs/benchmarks.md reports, is bench/compare.py.
// Run: dotnet run -c Release --project bench/LowRank.Benchmarks -- --filter '*'
// The sparse benchmark: dotnet run -c Release --project bench/LowRank.Benchmarks -- sparse DIR/sparse-s.npz [stream spmm lanczos randomized]
if (args.Length >= 2 && args[0] == "sparse")
    SparseBenchmark.Run(args[1], args[2..]);
else
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
