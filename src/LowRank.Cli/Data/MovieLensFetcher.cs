using System.IO.Compression;
using System.Security.Cryptography;
using LowRank.IO;

namespace LowRank.Cli.Data;

/// <summary>
/// Downloads MovieLens 100k from GroupLens, keeps u.data, u.item and README, and checks u.data against its known
/// SHA-256. Every file is written atomically and only after the whole archive has been downloaded and verified, so a
/// failure leaves nothing behind.
/// </summary>
internal static class MovieLensFetcher
{
    public const string Url = "https://files.grouplens.org/datasets/movielens/ml-100k.zip";

    /// <summary>SHA-256 of ml-100k/u.data (100,000 lines, 1,979,173 bytes).</summary>
    public const string RatingsSha256 = "06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490";

    public const string Licence =
        "MovieLens 100k is © GroupLens Research (University of Minnesota). Its licence allows research use, forbids "
        + "redistribution and asks you to cite F. M. Harper and J. A. Konstan, \"The MovieLens Datasets: History and Context\", "
        + "ACM TiiS 5(4), 2015 — see the README that was downloaded with it.";

    private static readonly string[] Kept = ["u.data", "u.item", "README"];

    /// <summary>Fetches into <paramref name="directory"/>; returns the written paths (u.data first).</summary>
    public static IReadOnlyList<string> Fetch(string url, string directory, TimeSpan timeout)
    {
        byte[] archive = Download(url, timeout);
        var files = new Dictionary<string, byte[]>();
        try
        {
            using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
            foreach (string name in Kept)
            {
                var entry = zip.GetEntry($"ml-100k/{name}") ?? throw new InvalidDataException($"the archive has no ml-100k/{name}");
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                files[name] = copy.ToArray();
            }
        }
        catch (InvalidDataException e)
        {
            throw new IOException($"{url}: not the MovieLens 100k archive ({e.Message})");
        }
        string hash = Convert.ToHexStringLower(SHA256.HashData(files["u.data"]));
        if (hash != RatingsSha256)
            throw new IOException($"{url}: u.data has SHA-256 {hash}, expected {RatingsSha256}; nothing was written");
        var written = new List<string>();
        foreach (string name in Kept)
        {
            string path = Path.Combine(directory, name);
            AtomicFile.Write(path, s => s.Write(files[name]));
            written.Add(path);
        }
        return written;
    }

    private static byte[] Download(string url, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = timeout };
        try
        {
            return client.GetByteArrayAsync(url).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            string why = e is TaskCanceledException ? $"no answer within {timeout.TotalSeconds:0} s" : e.Message;
            throw new IOException($"cannot download {url}: {why} (offline? download it by hand and pass its u.data to `lowrank evaluate`, or to `lowrank experiment completion --data`)");
        }
    }
}
