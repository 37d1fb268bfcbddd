using System.Diagnostics;
using System.Text.Json;
using LowRank.Decompositions;
using LowRank.Linalg;
using LowRank.Linalg.Sparse;

/// <summary>
/// The sparse benchmark of docs/benchmarks.md, run as
/// <c>dotnet run -c Release --project bench/LowRank.Benchmarks -- sparse DIR/sparse-s.npz [what...]</c>:
/// a STREAM-like copy (the bandwidth bound), SpMM A·X and Aᵀ·Y at several block widths in GB/s of CSR traffic,
/// and the lanczos (tol 1e-8) and randomized (p = 10, q = 4) SVDs at k = 10 and 50 — each the median of a few runs,
/// printed as one JSON object.
/// </summary>
internal static class SparseBenchmark
{
    public static void Run(string path, string[] what)
    {
        int? work = what.FirstOrDefault(w => w.StartsWith("work=")) is string ws ? int.Parse(ws[5..]) : null;
        var backend = Backends.Current;
        var a = ScipyNpzLoader.Load(path);
        var results = new Dictionary<string, object>
        {
            ["matrix"] = new { a.Rows, a.Cols, nnz = a.NonZeros, threads = backend.Threads },
        };
        bool All(string name) => what.Length == 0 || what.Contains(name);
        if (All("stream")) results["stream_copy_gb_s"] = StreamCopy(backend.Threads);
        if (All("spmm"))
        {
            // The alternative to the scatter kernel for Aᵀ·Y: a CSR copy of Aᵀ (= CSC of A), multiplied by the row kernel.
            var rowsOfA = new int[a.NonZeros];
            for (int i = 0; i < a.Rows; i++)
                for (long p = a.RowOffsets[i]; p < a.RowOffsets[i + 1]; p++) rowsOfA[p] = i;
            var clockCopy = Stopwatch.StartNew();
            var transposed = CsrMatrix.FromCoordinates(a.Cols, a.Rows, a.ColumnIndices, rowsOfA, a.Values);
            results["transposed_copy_seconds"] = clockCopy.Elapsed.TotalSeconds;
            foreach (int b in new[] { 1, 20, 60 })
            {
                var x = Gaussian.Matrix(a.Cols, b, new Random(1));
                var y = Gaussian.Matrix(a.Rows, b, new Random(2));
                double tA = Median(() => a.Multiply(x, backend));
                double tAt = Median(() => a.MultiplyTransposed(y, backend));
                double tCopy = Median(() => transposed.Multiply(y, backend));
                // Bytes a product must move at least: the CSR arrays once, the dense operand and result once.
                double csr = a.StorageBytes;
                results[$"spmm_b{b}"] = new
                {
                    seconds = tA,
                    gb_s = (csr + 8.0 * b * (a.Rows + a.Cols)) / tA / 1e9,
                    transposed_seconds = tAt,
                    transposed_gb_s = (csr + 8.0 * b * (a.Rows + a.Cols)) / tAt / 1e9,
                    transposed_by_csc_copy_seconds = tCopy,
                };
            }
        }
        foreach (int k in what.Contains("k10") ? [10] : what.Contains("k50") ? [50] : new[] { 10, 50 })
        {
            if (All("lanczos"))
            {
                SingularValueDecomposition? svd = null;
                double t = Median(() => svd = LanczosSvd.Compute(a, k, new LanczosOptions(Tolerance: 1e-8, WorkSize: work), backend), 3);
                results[$"lanczos_k{k}"] = new { work = new LanczosOptions(WorkSize: work).WorkSizeFor(k, Math.Min(a.Rows, a.Cols)), seconds = t, top3 = svd!.S[..3], s = string.Join(' ', svd.S), products = svd.OperatorProducts, restarts = svd.Iterations, max_residual = svd.Residuals!.Max() };
            }
            if (All("randomized"))
            {
                SingularValueDecomposition? svd = null;
                double t = Median(() => svd = RandomizedSvd.Compute(a, k, new RandomizedSvdOptions(10, 4, 0), backend), 3);
                double tail = a.SquaredFrobeniusNorm() - svd!.S.Sum(s => s * s);
                results[$"randomized_k{k}_q4"] = new { seconds = t, top3 = svd.S[..3], s = string.Join(' ', svd.S), frobenius_error = Math.Sqrt(Math.Max(0, tail)) };
            }
        }
        Console.WriteLine(JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>GB/s of a parallel copy of two 400 MB arrays (read + write counted), the bandwidth bound of SpMM.</summary>
    private static double StreamCopy(int threads)
    {
        const int length = 50_000_000;
        var source = new double[length];
        var target = new double[length];
        Array.Fill(source, 1.0);
        double t = Median(() =>
        {
            int chunk = length / threads;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
            {
                int start = i * chunk, count = i == threads - 1 ? length - start : chunk;
                source.AsSpan(start, count).CopyTo(target.AsSpan(start, count));
            });
        });
        return 2.0 * length * sizeof(double) / t / 1e9;
    }

    private static double Median(Action run, int repeats = 7)
    {
        run();
        var times = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            run();
            times.Add(clock.Elapsed.TotalSeconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
