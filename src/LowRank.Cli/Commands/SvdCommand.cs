using System.CommandLine;
using System.Diagnostics;
using LowRank.Cli.Output;
using LowRank.Decompositions;
using LowRank.Distributed.Mpi;
using LowRank.Distributed.ScaLapack;
using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Cli.Commands;

/// <summary><c>lowrank svd IN [--rank k] [--method auto|exact|randomized|lanczos] [--tol t] [--values-only] [--out-u/--out-s/--out-v F]</c>.</summary>
internal static class SvdCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Argument<string[]>("input")
        {
            Description = "Matrix file (.csv .tsv .txt .npy .mtx .npz, svmlight, ratings, IDX) or grey image; '-' for standard input, "
                + "or several files (or a directory of them) stacked by rows, read block by block",
            Arity = ArgumentArity.OneOrMore,
        };
        var rank = new Option<int?>("--rank", "-k") { Description = "Only the leading k singular triplets" };
        var method = Flags.Method();
        var valuesOnly = new Option<bool>("--values-only") { Description = "Singular values only (faster; no U, V)" };
        var outU = new Option<string?>("--out-u") { Description = "Write U (m×k) to this file" };
        var outS = new Option<string?>("--out-s") { Description = "Write the singular values (k×1) to this file" };
        var outV = new Option<string?>("--out-v") { Description = "Write V (n×k) to this file" };
        var oversampling = Flags.Oversampling();
        var power = Flags.PowerIterations();
        var seed = Flags.Seed();
        var precision = Flags.Precision();
        var tolerance = Flags.Tolerance();
        var repeat = new Option<int>("--repeat")
        {
            Description = "Benchmarking: compute N times in this process and report the fastest run as seconds",
            DefaultValueFactory = _ => 1,
        };
        var blockSize = new Option<int?>("--block-size")
        {
            Description = $"Distributed exact SVD (lowrank mpi ... --method exact): ScaLAPACK's block size NB (default {ScaLapackSvd.DefaultBlockSize})",
        };
        var driver = new Option<string?>("--driver")
        {
            Description = "Distributed exact SVD: the bidiagonal SVD by dc (divide and conquer, dbdsdc; min(m, n)² on every process) "
                + $"or qr (pdgesvd's QR iteration, memory distributed); default {DistributedExactSvdRun.DriverName(ScaLapackSvd.DefaultDriver)}",
        };
        var text = new TextReadFlags();
        var json = Flags.Json();
        var inputs = new InputFlags();
        var large = new LargeDataFlags();
        var command = new Command("svd", "Singular values (and vectors) of a matrix");
        command.Arguments.Add(input);
        foreach (Option o in new Option[] { rank, method, tolerance, valuesOnly, outU, outS, outV, oversampling, power, seed, precision, repeat, blockSize, driver, json })
            command.Options.Add(o);
        inputs.AddTo(command);
        text.AddTo(command);
        large.AddTo(command, singlePass: true);

        command.SetAction(parsed =>
        {
            string[] paths = parsed.GetValue(input)!;
            string path = paths[0];
            string? uPath = parsed.GetValue(outU), sPath = parsed.GetValue(outS), vPath = parsed.GetValue(outV);
            foreach (string? o in new[] { uPath, sPath, vPath })
                foreach (string i in paths) LoadedInput.CheckOutput(o, i);
            bool vectors = !parsed.GetValue(valuesOnly);
            if (!vectors && (uPath is not null || vPath is not null))
                throw new InvalidInputException("--out-u/--out-v need the singular vectors: drop --values-only");
            if (MpiEnvironment.UnderMpirun && paths.Length > 1) throw new InvalidInputException("a distributed run reads one file");
            var options = Flags.RandomizedOptions(parsed, oversampling, power, seed) with { Precision = Flags.ParsePrecision(parsed.GetValue(precision)) };
            bool mixed = options.Precision == SketchPrecision.Mixed;
            if (MpiEnvironment.UnderMpirun)
                return DistributedSvdRun.Run(context, new DistributedSvdRun.Request(path, parsed.GetValue(rank), parsed.GetValue(method),
                    options, vectors, uPath, sPath, vPath, parsed.GetValue(json),
                    parsed.GetValue(repeat), inputs.Read(parsed).Dense) { Lanczos = Flags.LanczosOptions(parsed, tolerance, seed), BlockSize = parsed.GetValue(blockSize), Driver = parsed.GetValue(driver) }, command);
            if (parsed.GetValue(blockSize) is not null) throw new InvalidInputException("--block-size is for the distributed exact SVD (lowrank mpi -n P -- svd ... --method exact)");
            if (parsed.GetValue(driver) is not null) throw new InvalidInputException("--driver is for the distributed exact SVD (lowrank mpi -n P -- svd ... --method exact)");

            string[] needsAnotherPass = [.. parsed.GetResult(power) is null ? [] : new[] { "--power-iterations" },
                .. parsed.GetResult(tolerance) is null ? [] : new[] { "--tol" },
                .. parsed.GetValue(method) is "exact" or "lanczos" ? new[] { $"--method {parsed.GetValue(method)}" } : [],
                .. parsed.GetValue(repeat) > 1 ? new[] { "--repeat" } : []];
            if (large.SinglePass(parsed, needsAnotherPass))
            {
                if (mixed) throw new InvalidInputException("--precision mixed is for the power-iteration passes of the randomized SVD; --passes 1 sketches once, in float64: drop one of them");
                return SinglePassSvd.Run(context, large, parsed, paths, parsed.GetValue(rank), parsed.GetValue(seed), parsed.GetValue(json), uPath, sPath, vPath, text.Read(parsed));
            }
            // An explicit Lanczos run's one-time costs (compiling its kernels, the first thread-pool and OpenBLAS calls) are
            // paid on the spare core while the input is read; whatever the reading does not hide is timed below.
            var prepared = Flags.ParseMethod(parsed.GetValue(method)) == SvdMethod.Lanczos
                ? Task.Run(() => LanczosSvd.Prepare(context.Backend, vectors))
                : Task.CompletedTask;
            using var big = paths.Length > 1 || Directory.Exists(path) || path == RowStreams.StandardInput
                ? large.OpenRows(context, parsed, paths, parsed.GetValue(rank), parsed.GetValue(oversampling), Flags.ParseMethod(parsed.GetValue(method)), text.Read(parsed))
                : large.Open(context, parsed, path, parsed.GetValue(rank), parsed.GetValue(oversampling), Flags.ParseMethod(parsed.GetValue(method)), text.Read(parsed), rowBlocksInMemory: true);
            var svdMethod = big?.Method ?? Flags.ParseMethod(parsed.GetValue(method));
            if (svdMethod == SvdMethod.Randomized && parsed.GetValue(rank) is int k) big?.ShareFusedPassesByRows(context.Backend, k + parsed.GetValue(oversampling));
            var a = big?.Operator ?? LoadedInput.Read(context, path, text.Read(parsed), inputs.Read(parsed), sparseCapable: true).Operator("svd");
            if (mixed && SvdSolver.Resolve(svdMethod, a.Rows, a.Cols, parsed.GetValue(rank)) is var resolved and not SvdMethod.Randomized)
                throw new InvalidInputException($"--precision mixed is for the randomized SVD, and this run is the {resolved.ToString().ToLowerInvariant()} one (float64 throughout): "
                    + "add --method randomized with --rank k, or drop --precision mixed");
            var backend = context.Backend;
            var lanczos = Flags.LanczosOptions(parsed, tolerance, seed);
            int repeats = parsed.GetValue(repeat);
            if (repeats < 1) throw new InvalidInputException($"--repeat must be at least 1, not {repeats}");
            var times = new List<double>();
            var svd = context.WithProgress($"SVD of a {a.Rows}×{a.Cols} matrix", update =>
            {
                big?.ReportTo(update);
                SingularValueDecomposition result;
                do
                {
                    var clock = Stopwatch.StartNew();
                    prepared.Wait();
                    result = SvdSolver.Compute(a, parsed.GetValue(rank), svdMethod, options, vectors, backend, lanczos);
                    times.Add(clock.Elapsed.TotalSeconds);
                } while (times.Count < repeats);
                return result;
            });
            double seconds = times.Min();
            var facts = LargeInput.Facts(big);
            OperatorFacts.WarnIfNotConverged(context, svd);
            context.Note(svd.PrecisionNote);
            // ‖A‖_F², not the sum of the k values held, is what the shares of energy refer to (exact on every storage).
            var energy = SpectrumEnergy.Of(svd.S, a.SquaredFrobeniusNorm());

            if (uPath is not null) context.Write(uPath, () => MatrixFile.Write(uPath, svd.U!, context.Cancellation));
            if (sPath is not null) context.Write(sPath, () => MatrixFile.Write(sPath, new Matrix(svd.Count, 1, (double[])svd.S.Clone()), context.Cancellation));
            if (vPath is not null) context.Write(vPath, () => MatrixFile.Write(vPath, svd.VT!.Transpose(), context.Cancellation));

            var report = new
            {
                Rows = a.Rows,
                Cols = a.Cols,
                Nnz = OperatorFacts.StoredEntries(a),
                Density = OperatorFacts.Density(a),
                Method = svd.Method.ToString().ToLowerInvariant(),
                Backend = backend.Name,
                Threads = backend.Threads,
                SingularValues = svd.S,
                TotalEnergy = energy.Total,
                EnergyShare = energy.Shares,
                CumulativeEnergyShare = energy.Cumulative,
                OperatorProducts = svd.OperatorProducts,
                Iterations = svd.Iterations,
                Residuals = parsed.GetValue(json) ? OperatorFacts.Residuals(a, svd, backend) : null,
                ResidualsEstimated = svd.ResidualsEstimated ? true : (bool?)null,
                Converged = svd.Converged,
                Precision = Flags.Name(svd.Precision),
                svd.PrecisionNote,
                Seconds = seconds,
                SecondsFirstRun = repeats > 1 ? times[0] : (double?)null,
                facts.Passes,
                facts.BytesRead,
                facts.PeakMemory,
                facts.Storage,
                facts.Dtype,
            };
            if (parsed.GetValue(json)) JsonReport.Write(context.Output, report);
            else Tables.Svd(context, path, report.Rows, report.Cols, report.Method, report.Backend, energy, svd.S, seconds);
            return 0;
        });
        return command;
    }
}
