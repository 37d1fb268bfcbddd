namespace LowRank.IO;

/// <summary>The file formats, recognised by file name.</summary>
internal enum FileKind
{
    Unknown,
    Delimited,
    Npy,
    MatrixMarket,
    Image,
    Idx,
    Npz,
    Svmlight,
    Ratings,
}

/// <summary>Recognising file formats from file names.</summary>
internal static class FileKinds
{
    public static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".bmp", ".webp"];

    public const string Supported =
        ".csv, .tsv, .txt, .npy, .mtx, scipy sparse .npz, svmlight (.svm, .svmlight, .libsvm), ratings (.data, .dat), "
        + "images (.png, .jpg, .jpeg, .bmp, .webp) and IDX (.idx*, *-ubyte, optionally .gz)";

    /// <summary>The lower-case extension, ignoring a trailing ".gz" (so "a.csv.gz" gives ".csv").</summary>
    public static string InnerExtension(string path) => Path.GetExtension(StripGz(path)).ToLowerInvariant();

    public static FileKind Of(string path)
    {
        string name = StripGz(Path.GetFileName(path)).ToLowerInvariant();
        string ext = Path.GetExtension(name);
        if (ext is ".csv" or ".tsv" or ".txt") return FileKind.Delimited;
        if (ext == ".npy") return FileKind.Npy;
        if (ext == ".mtx") return FileKind.MatrixMarket;
        if (ext == ".npz") return FileKind.Npz;
        if (ext is ".svm" or ".svmlight" or ".libsvm") return FileKind.Svmlight;
        if (ext is ".data" or ".dat") return FileKind.Ratings;
        if (ImageExtensions.Contains(ext) && !path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) return FileKind.Image;
        if (ext.StartsWith(".idx", StringComparison.Ordinal) || name.Contains("-idx", StringComparison.Ordinal)
            || name.EndsWith("ubyte", StringComparison.Ordinal))
            return FileKind.Idx;
        return FileKind.Unknown;
    }

    public static InvalidInputException Unsupported(string path) =>
        InputFile.Error(path, $"unsupported file type; supported: {Supported}");

    private static string StripGz(string name) =>
        name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
}
