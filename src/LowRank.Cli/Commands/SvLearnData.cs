using System.Diagnostics;
using LowRank.Cli.Demo;
using LowRank.Cli.Experiments;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.SingularValueLearning;

namespace LowRank.Cli.Commands;

/// <summary>
/// Builds the SV-Learn data sets of <c>lowrank svlearn</c> and <c>lowrank experiment svlearn</c>, with their labels
/// taken from the cache (<see cref="SingularValueCache"/>) when it is valid and computed (and cached) otherwise:
/// <list type="bullet">
/// <item><c>spambase</c>: the bundled UCI Spambase, first 4,600 rows, all 58 columns z-scored, 32×32 windows at
/// stride 1 (123,363 windows, SV-Learn §IV-A); paper split random 85/15, leakage-free split by row blocks.</item>
/// <item><c>fashion-mnist</c>: 28×28 images as they are (padding to 32×32 would only add four zero singular values to
/// every label and dilute the MAE), or with a window their m×n windows at the stride, all windows of an image on the
/// same side of the split. The full 60,000 + 10,000 from <c>../shared/data/fashion-mnist</c> when present (the
/// official split, leakage-free by construction); else the bundled 10,000 test images, split 85/15 at random.</item>
/// <item>a file: an image (grey) or a matrix (.csv .tsv .txt .npy .mtx) cut into windows; with <c>--stack</c> each row of
/// the matrix is one flattened window (e.g. an N×1024 .npy of 32×32 matrices); an IDX file is a stack of images (taken
/// as Fashion-MNIST's are).</item>
/// </list>
/// A window or stride that cannot apply (a stride for whole images or with <c>--stack</c>, <c>--stack</c> without a file)
/// is refused, never ignored.
/// <c>limit</c> keeps the first rows (Spambase, files) or images (Fashion-MNIST), for quick runs.
/// </summary>
internal static class SvLearnData
{
    private const double TestFraction = 0.15;
    private const int SpambaseRows = 4_600;

    /// <summary>The stride of windows when none is given: every window, as SV-Learn §IV-A cuts Spambase.</summary>
    public const int DefaultStride = 1;

    /// <summary>
    /// The windows and labels of a named data set or of a file; a null <paramref name="window"/> or
    /// <paramref name="stride"/> takes the source's default. <paramref name="file"/> (where the reader's notes go, how a
    /// text file is read) is needed only when <paramref name="data"/> is a file.
    /// </summary>
    public static SvLearnSource Load(string data, (int Rows, int Cols)? window, int? stride, bool stack, int? limit, int seed,
        string? cacheDirectory, ILinalgBackend backend, CancellationToken cancellationToken = default,
        (CliContext Context, TextReadOptions Text)? file = null)
    {
        if (limit is < 1) throw new InvalidInputException($"--limit must be at least 1, not {limit}");
        string named = data.ToLowerInvariant();
        if (stack && named is "spambase" or "fashion-mnist")
            throw new InvalidInputException($"--stack reads a --data file of flattened matrices, one per row; it does not apply to {named}");
        var cache = new LabelCache(cacheDirectory, cancellationToken);
        return named switch
        {
            "spambase" => Spambase(window ?? (32, 32), stride ?? DefaultStride, limit, seed, cache, backend),
            "fashion-mnist" => FashionMnist(window, stride, limit, seed, cache, backend),
            _ => FromFile(data, window, stride, stack, limit, seed, cache, backend, file),
        };
    }

    /// <summary>Parses "MxN" (or "N" for N×N).</summary>
    public static (int Rows, int Cols)? ParseWindow(string? text)
    {
        if (text is null) return null;
        var parts = text.ToLowerInvariant().Split('x', '×');
        if (parts.Length is 1 or 2 && int.TryParse(parts[0], out int m) && int.TryParse(parts[^1], out int n) && m > 0 && n > 0)
            return (m, n);
        throw new InvalidInputException($"--window must look like 32x32, not '{text}'");
    }

    private static SvLearnSource Spambase((int Rows, int Cols) window, int stride, int? limit, int seed, LabelCache cache, ILinalgBackend backend)
    {
        var all = MatrixFile.Read(DemoContext.Sample("spambase.csv")).Values;
        int rows = Math.Min(limit ?? SpambaseRows, Math.Min(SpambaseRows, all.Rows));
        var source = Windows.StandardizeColumns(all.LeadingRows(rows));
        var matrices = Windows.Extract(source, window.Rows, window.Cols, stride, out int[] origins);
        string description = $"UCI Spambase, first {rows:N0} rows × {source.Cols} columns z-scored, {matrices.Count:N0} windows of {window.Rows}×{window.Cols} at stride {stride}";
        return Windowed("spambase", matrices, origins, stride, description, seed, cache, backend);
    }

    private static SvLearnSource FashionMnist((int Rows, int Cols)? window, int? stride, int? limit, int seed, LabelCache cache, ILinalgBackend backend)
    {
        string? shared = MovieLensLocator.Roots()
            .Select(root => Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "fashion-mnist")))
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "train-images-idx3-ubyte.gz")) && File.Exists(Path.Combine(dir, "t10k-images-idx3-ubyte.gz")));
        if (shared is not null)
        {
            var train = Images(Path.Combine(shared, "train-images-idx3-ubyte.gz"), limit);
            var test = Images(Path.Combine(shared, "t10k-images-idx3-ubyte.gz"), limit is null ? null : Math.Max(1, limit.Value / 6));
            var both = new MatrixStack(train.Count + test.Count, train.Rows, train.Cols, [.. train.Data, .. test.Data]);
            var images = new DatasetSplit("official", [.. Enumerable.Range(0, train.Count)], [.. Enumerable.Range(train.Count, test.Count)]);
            return Separate("fashion-mnist", both, images, window, stride,
                shape => $"Fashion-MNIST ({shared}): {train.Count:N0} training + {test.Count:N0} test images of {shape}, grey 0–255, the official split", cache, backend);
        }
        var bundled = Images(DemoContext.Sample(Path.Combine("fashion-mnist", "t10k-images-idx3-ubyte.gz")), limit);
        return Separate("fashion-mnist", bundled, DatasetSplit.Random(bundled.Count, TestFraction, seed), window, stride,
            shape => $"Fashion-MNIST test set (bundled; the 60k training set was not found): {bundled.Count:N0} images of {shape}, grey 0–255, split 85/15 at random", cache, backend);
    }

    private static SvLearnSource FromFile(string path, (int Rows, int Cols)? window, int? stride, bool stack, int? limit, int seed,
        LabelCache cache, ILinalgBackend backend, (CliContext Context, TextReadOptions Text)? file)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"--data must be spambase, fashion-mnist or a file, and {path} does not exist");
        string name = Path.GetFileName(path);
        if (MatrixFile.IsIdx(path))
        {
            if (stack) throw new InvalidInputException($"--stack reads a matrix file of flattened matrices; {path} is an IDX stack, already one matrix per item");
            var images = Images(path, limit);
            return Separate(name, images, DatasetSplit.Random(images.Count, TestFraction, seed), window, stride,
                shape => $"{path}: {images.Count:N0} matrices of {shape}, split 85/15 at random", cache, backend);
        }
        var (context, text) = file ?? throw new InvalidOperationException("reading a --data file needs a context and text options");
        var matrix = LoadedInput.Read(context, path, text);
        var values = matrix.Channels.Count == 1 ? matrix.Channels[0] : ImageFile.ToGrey(matrix.Image!).Channels[0];
        if (limit is int l && l < values.Rows) values = values.LeadingRows(l);
        if (stack)
        {
            var (m, n) = window ?? throw new InvalidInputException("--stack needs --window MxN: the shape of each flattened row");
            if (stride is not null) throw new InvalidInputException($"--stride does not apply with --stack: each row is one whole {m}×{n} matrix");
            if (values.Cols != m * n) throw new InvalidInputException($"{path}: rows of {values.Cols} values are not flattened {m}×{n} matrices");
            var rowMajor = values.Transpose().Data; // column-major of the transpose = the rows one after another
            var matrices = MatrixStack.FromValues(values.Rows, m, n, rowMajor);
            return Separate(name, matrices, DatasetSplit.Random(matrices.Count, TestFraction, seed), null, null,
                shape => $"{path}: {matrices.Count:N0} matrices of {shape} (one per row), split 85/15 at random", cache, backend);
        }
        var (wm, wn) = window ?? (32, 32);
        int step = stride ?? DefaultStride;
        var windows = Windows.Extract(values, wm, wn, step, out int[] origins);
        return Windowed(name, windows, origins, step, $"{path}: {values.Rows}×{values.Cols}, {windows.Count:N0} windows of {wm}×{wn} at stride {step}", seed, cache, backend);
    }

    private static SvLearnSource Windowed(string name, MatrixStack matrices, int[] origins, int stride, string description, int seed, LabelCache cache, ILinalgBackend backend)
    {
        var (labels, seconds, cached, skipped) = Labels(matrices, name, cache, backend);
        var dataset = new SvDataset(name, matrices, labels, origins);
        return new SvLearnSource(dataset, DatasetSplit.Random(matrices.Count, TestFraction, seed),
            DatasetSplit.RowBlocks(origins, matrices.Rows, TestFraction), description, seconds, cached, stride, skipped);
    }

    /// <summary>
    /// Separate matrices (images), split as <paramref name="split"/> splits them: taken whole, or with a window cut into
    /// their windows at the stride, each window on the side of its image (no window shares pixels across the split).
    /// <paramref name="describe"/> gets "28×28" or "28×28, cut into … windows of 25×25 at stride 1".
    /// </summary>
    private static SvLearnSource Separate(string name, MatrixStack images, DatasetSplit split, (int Rows, int Cols)? window, int? stride,
        Func<string, string> describe, LabelCache cache, ILinalgBackend backend)
    {
        string shape = $"{images.Rows}×{images.Cols}";
        var matrices = images;
        if (window is var (m, n))
        {
            int step = stride ?? DefaultStride;
            matrices = Windows.ExtractEach(images, m, n, step, out int[] sources);
            split = DatasetSplit.ByGroup(split, sources);
            shape += $", cut into {matrices.Count:N0} windows of {m}×{n} at stride {step}";
        }
        else if (stride is not null)
            throw new InvalidInputException($"--stride needs --window: the {shape} matrices are taken whole unless --window cuts windows from them");
        var (labels, seconds, cached, skipped) = Labels(matrices, name, cache, backend);
        return new SvLearnSource(new SvDataset(name, matrices, labels, null), split, split, describe(shape), seconds, cached,
            window is null ? null : stride ?? DefaultStride, skipped);
    }

    private static MatrixStack Images(string path, int? limit)
    {
        var (dims, values) = IdxFile.Read(path);
        if (dims.Length != 3) throw new InvalidInputException($"{path}: an IDX stack of matrices has 3 dimensions, this one has {dims.Length}");
        int count = Math.Min(dims[0], limit ?? dims[0]);
        return MatrixStack.FromValues(count, dims[1], dims[2], values.AsSpan(0, count * dims[1] * dims[2]));
    }

    /// <summary>
    /// The labels from the cache when valid, else computed (values-only SVD in parallel) and cached. The cache only saves
    /// time: a cache that cannot be written (read-only home, full disk) costs the next run a recomputation, not this run
    /// its result, and the run says so in one line (<see cref="SvLearnSource.CacheSkipped"/>). Two processes that build
    /// the same file each write a complete temporary file and rename it into place, so a reader sees one of the complete
    /// files, never a mixture.
    /// </summary>
    private static (double[] Labels, double Seconds, bool Cached, string? CacheSkipped) Labels(MatrixStack matrices, string name, LabelCache cache,
        ILinalgBackend backend)
    {
        var clock = Stopwatch.StartNew();
        int p = Math.Min(matrices.Rows, matrices.Cols);
        byte[] key = SingularValueCache.Key(matrices.Count, matrices.Rows, matrices.Cols, matrices.Data);
        string directory = cache.Directory ?? DefaultCacheDirectory();
        string file = Path.Combine(directory, $"{name}-{matrices.Rows}x{matrices.Cols}-{Convert.ToHexString(key, 0, 8).ToLowerInvariant()}.lrsv");
        var labels = SingularValueCache.TryRead(file, key, matrices.Count, matrices.Rows, matrices.Cols, p, out _);
        if (labels is not null) return (labels, clock.Elapsed.TotalSeconds, true, null);
        labels = SingularValueLabels.Compute(matrices, backend, cancellationToken: cache.CancellationToken);
        string? skipped = null;
        try
        {
            SingularValueCache.Write(file, key, matrices.Count, matrices.Rows, matrices.Cols, p, labels, cache.CancellationToken);
        }
        catch (FileAccessException e)
        {
            skipped = $"the SV-Learn labels were not cached ({e.Message}); the next run computes them again";
        }
        return (labels, clock.Elapsed.TotalSeconds, false, skipped);
    }

    /// <summary>Where the labels are cached (null: <see cref="DefaultCacheDirectory"/>) and the token that cancels computing and writing them.</summary>
    private readonly record struct LabelCache(string? Directory, CancellationToken CancellationToken);

    /// <summary>$LOWRANK_CACHE, else $XDG_CACHE_HOME/lowrank, else ~/.cache/lowrank; the labels go in its svlearn folder.</summary>
    private static string DefaultCacheDirectory()
    {
        string? root = Environment.GetEnvironmentVariable("LOWRANK_CACHE");
        if (string.IsNullOrWhiteSpace(root))
        {
            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            root = Path.Combine(string.IsNullOrWhiteSpace(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg, "lowrank");
        }
        return Path.Combine(root, "svlearn");
    }
}
