using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using LowRank.Linalg;

namespace LowRank.Neural.Serialization;

/// <summary>
/// The binary model format, versions 1 and 2, on a <see cref="Stream"/> (the core never opens files; the CLI writes through
/// LowRank.IO.AtomicFile). All numbers little-endian:
/// <code>
/// header   8 bytes magic 89 'L' 'R' 'N' 'N' 0D 0A 1A   (PNG-style: catches text-mode and truncation damage)
///          u16 format version (1 or 2)   u8 dtype (1 = float32, 2 = float64)   u8 reserved (0)
///          i64 payload length
/// payload  the module tree, depth first: u8 kind, then per kind
///            Sequential: i32 count, then the children      Linear: i32 in, i32 out, u8 bias, weight (out×in, row-major), bias
///            Dropout: f64 p, i32 seed                      Identity, ReLU, Tanh, Sigmoid, Softplus: nothing
///            version 2 only: LoRALinear: i32 rank, f64 α, the base Linear (with its kind byte), A (r×in), B (out×r), row-major
///                            CumulativeSoftplus: nothing    SpectralRegressor (SV-Learn): i32 rows, i32 cols, then its inner module
/// trailer  32 bytes SHA-256 of the payload
/// </code>
/// Versioning: a file takes the lowest version that can hold its model. Version 2 added three layer kinds (9 LoRALinear,
/// 10 CumulativeSoftplus, 11 SpectralRegressor) and changed nothing else, so a model without them is still written as
/// version 1, byte for byte as before, and older builds keep reading it; a model with one is written as version 2, which
/// those builds refuse as "newer than this build reads; update LowRank" — not as a corrupt file, which is what an
/// unknown kind in a version-1 file would have told them. This build reads both, and refuses kinds 9–11 in a version-1 file.
/// A file that is not one of these, is cut short, fails its checksum, is malformed, comes from a newer format or
/// holds the other dtype is refused with an <see cref="InvalidInputException"/> whose message says which.
/// Save then load gives back bit-identical parameters.
/// </summary>
public static class ModelFile
{
    /// <summary>The newest format version this build reads and writes (see the versioning note above).</summary>
    public const ushort FormatVersion = 2;

    private static ReadOnlySpan<byte> Magic => [0x89, (byte)'L', (byte)'R', (byte)'N', (byte)'N', 0x0D, 0x0A, 0x1A];

    private const int HeaderLength = 8 + 2 + 1 + 1 + 8;

    /// <summary>Writes <paramref name="model"/> (built from the module kinds listed above) to <paramref name="stream"/>.</summary>
    public static void Save<T>(Module<T> model, Stream stream) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true))
            WriteModule(writer, model);
        byte[] body = payload.ToArray();
        Span<byte> header = stackalloc byte[HeaderLength];
        Magic.CopyTo(header);
        BitConverter.TryWriteBytes(header[8..], NeedsVersion2(model) ? FormatVersion : (ushort)1);
        header[10] = DTypeCode<T>();
        header[11] = 0;
        BitConverter.TryWriteBytes(header[12..], (long)body.Length);
        stream.Write(header);
        stream.Write(body);
        stream.Write(SHA256.HashData(body));
    }

    /// <summary>
    /// A deep copy of <paramref name="model"/> (a save and a load in memory): same parameters bit for bit, fresh buffers.
    /// Frozen flags are not stored, so the copy's parameters are trainable again, except the base of a LoRA adapter.
    /// </summary>
    public static Module<T> Clone<T>(Module<T> model, ILinalgBackend? backend = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var buffer = new MemoryStream();
        Save(model, buffer);
        buffer.Position = 0;
        return Load<T>(buffer, backend);
    }

    /// <summary>
    /// Whether a model file holds float64 parameters (false: float32), from its header alone, so that a caller can pick
    /// T for <see cref="Load{T}"/>. Checks only the magic bytes and the dtype code; <see cref="Load{T}"/> checks the rest.
    /// </summary>
    public static bool HoldsFloat64(ReadOnlySpan<byte> start)
    {
        CheckMagicAndLength(start);
        return start[10] switch
        {
            1 => false,
            2 => true,
            byte code => throw new InvalidInputException($"model file is corrupt (unknown dtype code {code})"),
        };
    }

    /// <summary>Reads a model saved by <see cref="Save{T}"/> with the same T; layers compute through <paramref name="backend"/>.</summary>
    public static Module<T> Load<T>(Stream stream, ILinalgBackend? backend = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        int got = stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        CheckMagicAndLength(header[..got]);
        ushort version = BitConverter.ToUInt16(header[8..]);
        if (version > FormatVersion)
            throw new InvalidInputException($"model file format version {version} is newer than this build reads (up to {FormatVersion}); update LowRank");
        if (version == 0) throw new InvalidInputException("model file is corrupt (format version 0)");
        byte dtype = header[10];
        if (dtype is not (1 or 2)) throw new InvalidInputException($"model file is corrupt (unknown dtype code {dtype})");
        if (header[11] != 0) throw new InvalidInputException($"model file is corrupt (reserved byte {header[11]})");
        if (dtype != DTypeCode<T>())
            throw new InvalidInputException($"the model holds {DTypeName(dtype)} parameters, but {DTypeName(DTypeCode<T>())} was asked for");
        long length = BitConverter.ToInt64(header[12..]);
        if (length < 1 || length > Array.MaxLength) throw new InvalidInputException($"model file is corrupt (payload length {length})");
        var body = new byte[length];
        var hash = new byte[32];
        if (stream.ReadAtLeast(body, body.Length, throwOnEndOfStream: false) < body.Length
            || stream.ReadAtLeast(hash, hash.Length, throwOnEndOfStream: false) < hash.Length)
            throw new InvalidInputException("model file is truncated (payload or checksum missing)");
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(hash))
            throw new InvalidInputException("model file is corrupt (SHA-256 checksum mismatch)");
        backend ??= Backends.Current;
        using var reader = new BinaryReader(new MemoryStream(body));
        try
        {
            var model = ReadModule<T>(reader, backend, version, depth: 0);
            if (reader.BaseStream.Position != body.Length) throw new InvalidInputException("model file is corrupt (bytes after the model)");
            return model;
        }
        catch (EndOfStreamException)
        {
            throw new InvalidInputException("model file is corrupt (the model description ends early)");
        }
    }

    /// <summary>Refuses bytes that do not start with the magic, then a header cut short.</summary>
    private static void CheckMagicAndLength(ReadOnlySpan<byte> start)
    {
        if (start.Length < Magic.Length || !start[..Magic.Length].SequenceEqual(Magic))
            throw new InvalidInputException("not a LowRank model file (wrong magic bytes)");
        if (start.Length < HeaderLength) throw new InvalidInputException("model file is truncated (incomplete header)");
    }

    private static void WriteModule<T>(BinaryWriter writer, Module<T> module) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (module)
        {
            case Sequential<T> sequential:
                writer.Write((byte)ModuleKind.Sequential);
                writer.Write(sequential.Layers.Count);
                foreach (var layer in sequential.Layers) WriteModule(writer, layer);
                break;
            case Linear<T> linear:
                writer.Write((byte)ModuleKind.Linear);
                writer.Write(linear.InFeatures);
                writer.Write(linear.OutFeatures);
                writer.Write(linear.Bias is not null);
                writer.Write(MemoryMarshal.AsBytes(linear.Weight.Value.AsSpan()));
                if (linear.Bias is not null) writer.Write(MemoryMarshal.AsBytes(linear.Bias.Value.AsSpan()));
                break;
            case LoRALinear<T> adapter:
                writer.Write((byte)ModuleKind.LoRALinear);
                writer.Write(adapter.Rank);
                writer.Write(adapter.Alpha);
                WriteModule(writer, adapter.Base);
                writer.Write(MemoryMarshal.AsBytes(adapter.Down.Weight.Value.AsSpan()));
                writer.Write(MemoryMarshal.AsBytes(adapter.Up.Weight.Value.AsSpan()));
                break;
            case Dropout<T> dropout:
                writer.Write((byte)ModuleKind.Dropout);
                writer.Write(dropout.P);
                writer.Write(dropout.Seed);
                break;
            case Identity<T>: writer.Write((byte)ModuleKind.Identity); break;
            case ReLU<T>: writer.Write((byte)ModuleKind.ReLU); break;
            case Tanh<T>: writer.Write((byte)ModuleKind.Tanh); break;
            case Sigmoid<T>: writer.Write((byte)ModuleKind.Sigmoid); break;
            case Softplus<T>: writer.Write((byte)ModuleKind.Softplus); break;
            case CumulativeSoftplus<T>: writer.Write((byte)ModuleKind.CumulativeSoftplus); break;
            case SpectralRegressor<T> regressor:
                writer.Write((byte)ModuleKind.SpectralRegressor);
                writer.Write(regressor.Rows);
                writer.Write(regressor.Cols);
                WriteModule(writer, regressor.Inner);
                break;
            default: throw new ArgumentException($"{module.GetType().Name} cannot be saved in a model file");
        }
    }

    private static Module<T> ReadModule<T>(BinaryReader reader, ILinalgBackend backend, ushort version, int depth) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (depth > 64) throw new InvalidInputException("model file is corrupt (modules nested too deeply)");
        byte kind = reader.ReadByte();
        switch ((ModuleKind)kind)
        {
            case ModuleKind.Sequential:
                int count = reader.ReadInt32();
                if (count < 0 || count > reader.BaseStream.Length) throw new InvalidInputException($"model file is corrupt (a Sequential of {count} layers)");
                var layers = new Module<T>[count];
                for (int i = 0; i < count; i++) layers[i] = ReadModule<T>(reader, backend, version, depth + 1);
                return new Sequential<T>(layers);
            case ModuleKind.Linear:
                int inFeatures = reader.ReadInt32(), outFeatures = reader.ReadInt32();
                bool bias = reader.ReadBoolean();
                long values = (long)inFeatures * outFeatures + (bias ? outFeatures : 0);
                if (inFeatures < 1 || outFeatures < 1 || values * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() > reader.BaseStream.Length)
                    throw new InvalidInputException($"model file is corrupt (a Linear layer of {inFeatures}×{outFeatures})");
                var linear = new Linear<T>(inFeatures, outFeatures, bias, backend);
                ReadValues(reader, linear.Weight.Value);
                if (linear.Bias is not null) ReadValues(reader, linear.Bias.Value);
                return linear;
            case ModuleKind.LoRALinear when version >= 2:
                int rank = reader.ReadInt32();
                double alpha = reader.ReadDouble();
                if (ReadModule<T>(reader, backend, version, depth + 1) is not Linear<T> baseLayer || rank < 1 || !(alpha > 0) || !double.IsFinite(alpha)
                    || (long)rank * (baseLayer.InFeatures + baseLayer.OutFeatures) * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() > reader.BaseStream.Length)
                    throw new InvalidInputException($"model file is corrupt (a LoRA adapter of rank {rank}, α = {alpha})");
                var adapter = new LoRALinear<T>(baseLayer, rank, alpha, backend);
                ReadValues(reader, adapter.Down.Weight.Value);
                ReadValues(reader, adapter.Up.Weight.Value);
                return adapter;
            case ModuleKind.Dropout:
                double p = reader.ReadDouble();
                int seed = reader.ReadInt32();
                if (!(p >= 0 && p < 1)) throw new InvalidInputException($"model file is corrupt (dropout probability {p})");
                return new Dropout<T>(p, seed);
            case ModuleKind.Identity: return new Identity<T>();
            case ModuleKind.ReLU: return new ReLU<T>();
            case ModuleKind.Tanh: return new Tanh<T>();
            case ModuleKind.Sigmoid: return new Sigmoid<T>();
            case ModuleKind.Softplus: return new Softplus<T>();
            case ModuleKind.CumulativeSoftplus when version >= 2: return new CumulativeSoftplus<T>();
            case ModuleKind.SpectralRegressor when version >= 2:
                int rows = reader.ReadInt32(), cols = reader.ReadInt32();
                if (rows < 1 || cols < 1 || (long)rows * cols > reader.BaseStream.Length * 64)
                    throw new InvalidInputException($"model file is corrupt (a SpectralRegressor of {rows}×{cols})");
                var inner = ReadModule<T>(reader, backend, version, depth + 1);
                try
                {
                    return new SpectralRegressor<T>(rows, cols, inner);
                }
                catch (ArgumentException e)
                {
                    throw new InvalidInputException($"model file is corrupt ({e.Message})");
                }
            default: throw new InvalidInputException($"model file is corrupt (unknown layer kind {kind} in a version-{version} file)");
        }
    }

    /// <summary>Whether the model tree holds a layer kind that format version 1 does not have (9–11).</summary>
    private static bool NeedsVersion2<T>(Module<T> module) where T : unmanaged, IFloatingPointIeee754<T> => module switch
    {
        LoRALinear<T> or CumulativeSoftplus<T> or SpectralRegressor<T> => true,
        Sequential<T> sequential => sequential.Layers.Any(NeedsVersion2),
        _ => false,
    };

    private static void ReadValues<T>(BinaryReader reader, T[] target) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(target.AsSpan());
        if (reader.Read(bytes) < bytes.Length) throw new EndOfStreamException();
    }

    private static byte DTypeCode<T>() =>
        typeof(T) == typeof(float) ? (byte)1
        : typeof(T) == typeof(double) ? (byte)2
        : throw new NotSupportedException($"model files hold float or double parameters, not {typeof(T).Name}");

    private static string DTypeName(byte code) => code == 1 ? "float32" : "float64";

    /// <summary>The layer codes: 1–8 since format version 1, 9–11 (LoRALinear, CumulativeSoftplus, SpectralRegressor) since version 2; never renumber them.</summary>
    private enum ModuleKind : byte
    {
        Sequential = 1,
        Linear = 2,
        Dropout = 3,
        Identity = 4,
        ReLU = 5,
        Tanh = 6,
        Sigmoid = 7,
        Softplus = 8,
        LoRALinear = 9,
        CumulativeSoftplus = 10,
        SpectralRegressor = 11,
    }
}
