using BenchmarkDotNet.Running;

// In-process micro-benchmarks of LowRank's kernels (BenchmarkDotNet). The side-by-side comparison with
// numpy/scikit-learn, which docs/benchmarks.md reports, is bench/compare.py.
// Run: dotnet run -c Release --project bench/LowRank.Benchmarks -- --filter '*'
// The sparse benchmark: dotnet run -c Release --project bench/LowRank.Benchmarks -- sparse DIR/sparse-s.npz [stream spmm lanczos randomized]
// Implicit feedback on MovieLens 100k: dotnet run -c Release --project bench/LowRank.Benchmarks -- implicit PATH/u.data [--tune]
// Scale (synthetic MovieLens 20M): dotnet run -c Release --project bench/LowRank.Benchmarks -- scale als|sgd|implicit-als [SCALE]
// Distributed ALS at that scale, under mpirun: mpirun -n P dotnet bench/LowRank.Benchmarks/bin/Release/net10.0/LowRank.Benchmarks.dll scale-mpi [SCALE] [SWEEPS]
if (args.Length >= 2 && args[0] == "sparse")
    SparseBenchmark.Run(args[1], args[2..]);
else if (args.Length >= 2 && args[0] == "implicit")
    ImplicitBenchmark.Run(args[1], args[2..]);
else if (args.Length >= 1 && args[0] == "scale-mpi")
    DistributedScaleBenchmark.Run(args[1..]);
else if (args.Length >= 2 && args[0] == "scale")
    ScaleBenchmark.Run(args[1], args[2..]);
else
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
