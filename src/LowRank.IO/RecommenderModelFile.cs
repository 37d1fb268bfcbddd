using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using LowRank.Completion;
using LowRank.Completion.Saved;

namespace LowRank.IO;

/// <summary>
/// The saved recommender format (<c>.lrm</c>), version 1: a <see cref="SavedRecommender"/> — the fitted biases and
/// factors, the id maps, the items each user rated in training, the rating scale, the fold-in rule and the method's
/// settings. All numbers little-endian.
/// <code>
/// offset  size     field
/// 0       8        magic 89 'L' 'R' 'M' 0D 0A 1A 0A (PNG-style: the high byte catches 7-bit transfers, CR LF and ^Z text-mode damage)
/// 8       2        format version (1)
/// 10      2        flags: 1 = the model has biases, 2 = item titles follow the ids; other bits 0
/// 12      4        rank k (0: biases only)
/// 16      4        users m
/// 20      4        items n
/// 24      8        payload length P
/// 32      P        payload: method and settings (strings); scale min, scale max, μ, fold-in λ, fold-in α (f64 each);
///                  b_u (m f64), b_i (n f64), P (m·k f64, user by user), Q (n·k f64, item by item);
///                  m user ids, n item ids, with flag 2 n titles (each string: 7-bit-encoded byte length, UTF-8; a title
///                  is its length + 1, 0 meaning unknown); then per user the number of rated items and their gaps
///                  (first item, then each item − previous − 1), 7-bit-encoded integers
/// 32+P    32       SHA-256 of every byte before it
/// </code>
/// Save then load gives back every number bit for bit. A file that is not one, is cut short or longer than its
/// header says, fails its checksum, comes from a newer version, holds a method this build cannot serve or whose
/// parts do not fit together is refused with one <see cref="InvalidInputException"/> line naming the file.
/// </summary>
public static class RecommenderModelFile
{
    public const string Extension = ".lrm";

    /// <summary>The newest format version this build reads and writes.</summary>
    public const ushort Version = 1;

    private const int HeaderBytes = 32, ChecksumBytes = 32, BiasesFlag = 1, TitlesFlag = 2;

    private static ReadOnlySpan<byte> Magic => [0x89, (byte)'L', (byte)'R', (byte)'M', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The magic of the neural model file, recognised to say what such a file is.</summary>
    private static ReadOnlySpan<byte> NeuralMagic => [0x89, (byte)'L', (byte)'R', (byte)'N', (byte)'N', 0x0D, 0x0A, 0x1A];

    /// <summary>Writes <paramref name="model"/> atomically (nothing half-written is left behind).</summary>
    public static void Write(string path, SavedRecommender model, CancellationToken cancellationToken = default) =>
        AtomicFile.Write(path, stream => stream.Write(Encode(model)), cancellationToken);

    /// <summary>Reads and checks a model file.</summary>
    public static SavedRecommender Read(string path) => Decode(InputFile.Guard(path, () =>
    {
        using FileStream stream = InputFile.OpenRead(path);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }), path);

    /// <summary>The complete file contents.</summary>
    public static byte[] Encode(SavedRecommender model)
    {
        var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(model.Method);
            writer.Write(model.Settings);
            foreach (double v in new[] { model.Scale.Min, model.Scale.Max, model.Mean, model.FoldInRule.Lambda, model.FoldInRule.Exponent })
                writer.Write(v);
            foreach (var values in new[] { model.UserBias.ToArray(), model.ItemBias.ToArray(), model.UserFactors.ToArray(), model.ItemFactors.ToArray() })
                writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            foreach (string id in model.UserIds) writer.Write(id);
            foreach (string id in model.ItemIds) writer.Write(id);
            if (model.ItemTitles is { } titles)
                foreach (string? title in titles)
                {
                    if (title is null)
                    {
                        writer.Write7BitEncodedInt(0);
                        continue;
                    }
                    byte[] utf8 = Encoding.UTF8.GetBytes(title);
                    writer.Write7BitEncodedInt(utf8.Length + 1);
                    writer.Write(utf8);
                }
            for (int u = 0; u < model.UserCount; u++)
            {
                var rated = model.RatedItems(u);
                writer.Write7BitEncodedInt(rated.Length);
                for (int t = 0; t < rated.Length; t++) writer.Write7BitEncodedInt(t == 0 ? rated[0] : rated[t] - rated[t - 1] - 1);
            }
        }
        int flags = (model.Biases ? BiasesFlag : 0) | (model.ItemTitles is null ? 0 : TitlesFlag);
        var file = new byte[HeaderBytes + payload.Length + ChecksumBytes];
        var span = file.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(span[10..], (ushort)flags);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], model.Rank);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], model.UserCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[20..], model.ItemCount);
        BinaryPrimitives.WriteInt64LittleEndian(span[24..], payload.Length);
        payload.GetBuffer().AsSpan(0, (int)payload.Length).CopyTo(span[HeaderBytes..]);
        SHA256.HashData(span[..^ChecksumBytes], span[^ChecksumBytes..]);
        return file;
    }

    /// <summary>Parses file contents; <paramref name="path"/> names the source in error messages.</summary>
    public static SavedRecommender Decode(byte[] file, string path)
    {
        var span = file.AsSpan();
        int prefix = Math.Min(span.Length, Magic.Length);
        if (span.Length >= NeuralMagic.Length && span[..NeuralMagic.Length].SequenceEqual(NeuralMagic))
            throw InputFile.Error(path, "is a neural-network model file (lowrank model), not a saved recommender (lowrank fit)");
        if (span.Length == 0 || !span[..prefix].SequenceEqual(Magic[..prefix]))
            throw InputFile.Error(path, "not a LowRank recommender model file (wrong magic bytes); make one with lowrank fit");
        if (span.Length < 10) throw Truncated(path);
        int version = BinaryPrimitives.ReadUInt16LittleEndian(span[8..]);
        if (version > Version)
            throw InputFile.Error(path, $"recommender model format version {version} is newer than this build reads (up to {Version}); update LowRank");
        if (version == 0) throw Corrupt(path, "format version 0");
        if (span.Length < HeaderBytes) throw Truncated(path);
        int flags = BinaryPrimitives.ReadUInt16LittleEndian(span[10..]);
        int rank = BinaryPrimitives.ReadInt32LittleEndian(span[12..]);
        int users = BinaryPrimitives.ReadInt32LittleEndian(span[16..]), items = BinaryPrimitives.ReadInt32LittleEndian(span[20..]);
        long length = BinaryPrimitives.ReadInt64LittleEndian(span[24..]);
        if (length < 0 || length > Array.MaxLength) throw Corrupt(path, $"payload length {length}");
        long expected = HeaderBytes + length + ChecksumBytes;
        if (span.Length < expected) throw Truncated(path);
        if (span.Length > expected) throw InputFile.Error(path, $"{span.Length - expected} unexpected bytes after the checksum");
        if (!SHA256.HashData(span[..^ChecksumBytes]).AsSpan().SequenceEqual(span[^ChecksumBytes..]))
            throw InputFile.Error(path, "checksum mismatch: the file is corrupt or was modified");
        if ((flags & ~(BiasesFlag | TitlesFlag)) != 0) throw Corrupt(path, $"unknown flags 0x{flags:x4}");
        if (rank < 0 || users < 0 || items < 0 || 8L * ((long)users + items) * (rank + 1) > length)
            throw Corrupt(path, $"{users} users × {items} items at rank {rank} do not fit {length} payload bytes");
        using var reader = new BinaryReader(new MemoryStream(file, HeaderBytes, (int)length, writable: false), Encoding.UTF8);
        try
        {
            string method = reader.ReadString(), settings = reader.ReadString();
            string? savable = SavedRecommenders.Methods.FirstOrDefault(m => m == method);
            if (savable is null)
                throw InputFile.Error(path, $"holds a '{method}' model, which this build cannot serve (it serves {string.Join(", ", SavedRecommenders.Methods)})");
            double min = reader.ReadDouble(), max = reader.ReadDouble(), mean = reader.ReadDouble(), lambda = reader.ReadDouble(), exponent = reader.ReadDouble();
            double[] userBias = Doubles(reader, users), itemBias = Doubles(reader, items);
            double[] userFactors = Doubles(reader, users * rank), itemFactors = Doubles(reader, items * rank);
            string[] userIds = Strings(reader, users), itemIds = Strings(reader, items);
            string?[]? titles = (flags & TitlesFlag) == 0 ? null : Titles(reader, items);
            var start = new int[users + 1];
            var rated = new List<int>();
            for (int u = 0; u < users; u++)
            {
                int count = reader.Read7BitEncodedInt();
                if (count < 0 || count > items) throw Corrupt(path, $"user {u} rates {count} of {items} items");
                int item = -1;
                for (int t = 0; t < count; t++)
                {
                    int gap = reader.Read7BitEncodedInt();
                    item = gap < 0 || gap >= items ? items : item + 1 + gap;
                    rated.Add(item);
                }
                start[u + 1] = rated.Count;
            }
            if (reader.BaseStream.Position != length) throw Corrupt(path, "bytes after the rated items");
            return new SavedRecommender(savable, settings, new RatingScale(min, max), mean, (flags & BiasesFlag) != 0, rank,
                new FoldInRule(lambda, exponent), userBias, itemBias, userFactors, itemFactors, userIds, itemIds, start, [.. rated], titles);
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or DecoderFallbackException)
        {
            throw Corrupt(path, "the payload ends early or is malformed");
        }
        catch (ArgumentException e)
        {
            throw Corrupt(path, e.Message);
        }
    }

    private static double[] Doubles(BinaryReader reader, int count)
    {
        var values = new double[count];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        if (reader.Read(bytes) < bytes.Length) throw new EndOfStreamException();
        return values;
    }

    private static string[] Strings(BinaryReader reader, int count)
    {
        var strings = new string[count];
        for (int t = 0; t < count; t++) strings[t] = reader.ReadString();
        return strings;
    }

    private static string?[] Titles(BinaryReader reader, int count)
    {
        var titles = new string?[count];
        for (int t = 0; t < count; t++)
        {
            int length = reader.Read7BitEncodedInt() - 1;
            if (length < 0) continue;
            if (length > reader.BaseStream.Length - reader.BaseStream.Position) throw new EndOfStreamException();
            titles[t] = Encoding.UTF8.GetString(reader.ReadBytes(length));
        }
        return titles;
    }

    private static InvalidInputException Truncated(string path) => InputFile.Error(path, "the model file is truncated");

    private static InvalidInputException Corrupt(string path, string what) => InputFile.Error(path, $"the model file is corrupt ({what})");
}
