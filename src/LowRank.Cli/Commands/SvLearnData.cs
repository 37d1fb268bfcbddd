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
/// every label and dilute the MAE). The full 60,000 + 10,000 from <c>../shared/data/fashion-mnist</c> when present (the
/// official split, leakage-free by construction); else the bundled 10,000 test images, split 85/15 at random.</item>
/// <item>a file: an image (grey) or a matrix (.csv .tsv .txt .npy .mtx) cut into windows; with <c>--stack</c> each row of
/// the matrix is one flattened window (e.g. an N×1024 .npy of 32×32 matrices); an IDX file is a stack of images.</item>
/// </list>
/// <c>limit</c> keeps the first rows (Spambase, files) or images (Fashion-MNIST), for quick runs.
/// </summary>
internal static class SvLearnData
{
    private const double TestFraction = 0.15;
    private const int SpambaseRows = 4_600;

    /// <summary>
    /// The windows and labels of a named data set or of a file; <paramref name="file"/> (where the reader's notes go,
    /// how a text file is read) is needed only when <paramref name="data"/> is a file.
    /// </summary>
    public static SvLearnSource Load(string data, (int Rows, int Cols)? window, int stride, bool stack, int? limit, int seed,
        string? cacheDirectory, ILinalgBackend backend, (CliContext Context, TextReadOptions Text)? file = null)
    {
        if (limit is < 1) throw new InvalidInputException($"--limit must be at least 1, not {limit}");
        return data.ToLowerInvariant() switch
        {
            "spambase" => Spambase(window ?? (32, 32), stride, limit, seed, cacheDirectory, backend),
            "fashion-mnist" => FashionMnist(limit, seed, cacheDirectory, backend),
            _ => FromFile(data, window, stride, stack, limit, seed, cacheDirectory, backend, file),
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

    private static SvLearnSource Spambase((int Rows, int Cols) window, int stride, int? limit, int seed, string? cache, ILinalgBackend backend)
    {
        var all = MatrixFile.Read(DemoContext.Sample("spambase.csv")).Values;
        int rows = Math.Min(limit ?? SpambaseRows, Math.Min(SpambaseRows, all.Rows));
        var source = Windows.StandardizeColumns(all.LeadingRows(rows));
        var matrices = Windows.Extract(source, window.Rows, window.Cols, stride, out int[] origins);
        string description = $"UCI Spambase, first {rows:N0} rows × {source.Cols} columns z-scored, {matrices.Count:N0} windows of {window.Rows}×{window.Cols} at stride {stride}";
        return Windowed("spambase", matrices, origins, description, seed, cache, backend);
    }

    private static SvLearnSource FashionMnist(int? limit, int seed, string? cache, ILinalgBackend backend)
    {
        string? shared = MovieLensLocator.Roots()
            .Select(root => Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "fashion-mnist")))
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "train-images-idx3-ubyte.gz")) && File.Exists(Path.Combine(dir, "t10k-images-idx3-ubyte.gz")));
        if (shared is not null)
        {
            var train = Images(Path.Combine(shared, "train-images-idx3-ubyte.gz"), limit);
            var test = Images(Path.Combine(shared, "t10k-images-idx3-ubyte.gz"), limit is null ? null : Math.Max(1, limit.Value / 6));
            var both = new MatrixStack(train.Count + test.Count, train.Rows, train.Cols, [.. train.Data, .. test.Data]);
            var (labels, seconds, cached) = Labels(both, "fashion-mnist", cache, backend);
            var dataset = new SvDataset("fashion-mnist", both, labels, null);
            var split = new DatasetSplit("official", [.. Enumerable.Range(0, train.Count)], [.. Enumerable.Range(train.Count, test.Count)]);
            return new SvLearnSource(dataset, split, split,
                $"Fashion-MNIST ({shared}): {train.Count:N0} training + {test.Count:N0} test images of 28×28, grey 0–255, the official split", seconds, cached);
        }
        var images = Images(DemoContext.Sample(Path.Combine("fashion-mnist", "t10k-images-idx3-ubyte.gz")), limit);
        return Separate("fashion-mnist", images, $"Fashion-MNIST test set (bundled; the 60k training set was not found): {images.Count:N0} images of 28×28, grey 0–255, split 85/15 at random",
            seed, cache, backend);
    }

    private static SvLearnSource FromFile(string path, (int Rows, int Cols)? window, int stride, bool stack, int? limit, int seed,
        string? cache, ILinalgBackend backend, (CliContext Context, TextReadOptions Text)? file)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"--data must be spambase, fashion-mnist or a file, and {path} does not exist");
        string name = Path.GetFileName(path);
        if (MatrixFile.IsIdx(path))
        {
            var images = Images(path, limit);
            return Separate(name, images, $"{path}: {images.Count:N0} matrices of {images.Rows}×{images.Cols}, split 85/15 at random", seed, cache, backend);
        }
        var (context, text) = file ?? throw new InvalidOperationException("reading a --data file needs a context and text options");
        var matrix = LoadedInput.Read(context, path, text);
        var values = matrix.Channels.Count == 1 ? matrix.Channels[0] : ImageFile.ToGrey(matrix.Image!).Channels[0];
        if (limit is int l && l < values.Rows) values = values.LeadingRows(l);
        if (stack)
        {
            var (m, n) = window ?? throw new InvalidInputException("--stack needs --window MxN: the shape of each flattened row");
            if (values.Cols != m * n) throw new InvalidInputException($"{path}: rows of {values.Cols} values are not flattened {m}×{n} matrices");
            var rowMajor = values.Transpose().Data; // column-major of the transpose = the rows one after another
            var matrices = MatrixStack.FromValues(values.Rows, m, n, rowMajor);
            return Separate(name, matrices, $"{path}: {matrices.Count:N0} matrices of {m}×{n} (one per row), split 85/15 at random", seed, cache, backend);
        }
        var (wm, wn) = window ?? (32, 32);
        var windows = Windows.Extract(values, wm, wn, stride, out int[] origins);
        return Windowed(name, windows, origins, $"{path}: {values.Rows}×{values.Cols}, {windows.Count:N0} windows of {wm}×{wn} at stride {stride}", seed, cache, backend);
    }

    private static SvLearnSource Windowed(string name, MatrixStack matrices, int[] origins, string description, int seed, string? cache, ILinalgBackend backend)
    {
        var (labels, seconds, cached) = Labels(matrices, name, cache, backend);
        var dataset = new SvDataset(name, matrices, labels, origins);
        return new SvLearnSource(dataset, DatasetSplit.Random(matrices.Count, TestFraction, seed),
            DatasetSplit.RowBlocks(origins, matrices.Rows, TestFraction), description, seconds, cached);
    }

    private static SvLearnSource Separate(string name, MatrixStack matrices, string description, int seed, string? cache, ILinalgBackend backend)
    {
        var (labels, seconds, cached) = Labels(matrices, name, cache, backend);
        var split = DatasetSplit.Random(matrices.Count, TestFraction, seed);
        return new SvLearnSource(new SvDataset(name, matrices, labels, null), split, split, description, seconds, cached);
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
    /// its result. Two processes that build the same file each write a complete temporary file and rename it into place,
    /// so a reader sees one of the complete files, never a mixture.
    /// </summary>
    private static (double[] Labels, double Seconds, bool Cached) Labels(MatrixStack matrices, string name, string? cacheDirectory, ILinalgBackend backend)
    {
        var clock = Stopwatch.StartNew();
        int p = Math.Min(matrices.Rows, matrices.Cols);
        byte[] key = SingularValueCache.Key(matrices.Count, matrices.Rows, matrices.Cols, matrices.Data);
        string directory = cacheDirectory ?? DefaultCacheDirectory();
        string file = Path.Combine(directory, $"{name}-{matrices.Rows}x{matrices.Cols}-{Convert.ToHexString(key, 0, 8).ToLowerInvariant()}.lrsv");
        var labels = SingularValueCache.TryRead(file, key, matrices.Count, matrices.Rows, matrices.Cols, p, out _);
        if (labels is not null) return (labels, clock.Elapsed.TotalSeconds, true);
        labels = SingularValueLabels.Compute(matrices, backend);
        try
        {
            SingularValueCache.Write(file, key, matrices.Count, matrices.Rows, matrices.Cols, p, labels);
        }
        catch (InvalidInputException)
        {
            // AtomicFile reports I/O and permission failures this way; the labels in hand are exact either way.
        }
        return (labels, clock.Elapsed.TotalSeconds, false);
    }

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
