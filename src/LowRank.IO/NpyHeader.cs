using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LowRank.IO;

/// <summary>
/// The header of a .npy file (numpy format versions 1.0, 2.0 and 3.0): magic "\x93NUMPY", version, header length
/// (uint16 for 1.0, uint32 after), then a Python dict literal with 'descr', 'fortran_order' and 'shape'.
/// See https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html.
/// </summary>
internal sealed record NpyHeader(NpyDType DType, bool FortranOrder, long[] Shape)
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private static readonly Regex DescrPattern = new(@"['""]descr['""]\s*:\s*(?:['""](?<d>[^'""]*)['""]|(?<list>\[))");
    private static readonly Regex FortranPattern = new(@"['""]fortran_order['""]\s*:\s*(?<f>True|False)");
    private static readonly Regex BytesPattern = new(@"^[|<>=]?S(?<n>[0-9]{1,6})$");
    private static readonly Regex ShapePattern = new(@"['""]shape['""]\s*:\s*\((?<s>[^)]*)\)");

    /// <summary>
    /// Reads and parses the header, leaving the stream at the first data byte. With <paramref name="allowBytes"/>, a
    /// fixed-width bytes dtype ('|S3', as scipy's sparse <c>format</c> array) is accepted as kind 'S'.
    /// </summary>
    public static NpyHeader Read(string path, Stream stream, bool allowBytes = false)
    {
        Span<byte> prefix = stackalloc byte[12];
        int got = InputFile.ReadFully(stream, prefix[..8]);
        if (got < 6 || !prefix[..6].SequenceEqual(Magic))
            throw InputFile.Error(path, got == 0 ? "the file is empty" : "not a .npy file (it does not start with \\x93NUMPY)");
        if (got < 8) throw InputFile.Error(path, "truncated: the .npy header is incomplete");
        int major = prefix[6], minor = prefix[7];
        if (major is not (1 or 2 or 3))
            throw InputFile.Error(path, $"unsupported .npy format version {major}.{minor} (1.0, 2.0 and 3.0 are supported)");
        int lengthBytes = major == 1 ? 2 : 4;
        if (InputFile.ReadFully(stream, prefix.Slice(8, lengthBytes)) < lengthBytes)
            throw InputFile.Error(path, "truncated: the .npy header is incomplete");
        long headerLength = major == 1
            ? System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..])
            : System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
        if (headerLength > 1 << 24) throw InputFile.Error(path, $"corrupt .npy header: it claims {headerLength:N0} bytes");
        var text = new byte[headerLength];
        int read = InputFile.ReadFully(stream, text);
        if (read < headerLength)
            throw InputFile.Error(path, $"truncated: the .npy header says it is {headerLength:N0} bytes but only {read:N0} follow");
        return Parse(path, (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(text), allowBytes);
    }

    /// <summary>The bytes of a version 1.0 header, padded with spaces so that the data starts at a multiple of 64.</summary>
    public static byte[] Format(string descr, bool fortranOrder, long[] shape)
    {
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string dict = $"{{'descr': '{descr}', 'fortran_order': {(fortranOrder ? "True" : "False")}, 'shape': ({dims}), }}";
        int unpadded = Magic.Length + 4 + dict.Length + 1;
        string header = dict + new string(' ', (64 - unpadded % 64) % 64) + "\n";
        var bytes = new byte[Magic.Length + 4 + header.Length];
        Magic.CopyTo(bytes, 0);
        bytes[6] = 1;
        bytes[7] = 0;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), checked((ushort)header.Length));
        Encoding.ASCII.GetBytes(header, bytes.AsSpan(10));
        return bytes;
    }

    private static NpyHeader Parse(string path, string text, bool allowBytes)
    {
        Match descr = DescrPattern.Match(text), fortran = FortranPattern.Match(text), shape = ShapePattern.Match(text);
        if (!descr.Success || !fortran.Success || !shape.Success)
            throw InputFile.Error(path, $"corrupt .npy header: {InputFile.Quote(text.Trim())}");
        if (descr.Groups["list"].Success)
            throw InputFile.Error(path, "structured arrays (record dtypes) are not supported; save a plain numeric array");
        var dims = new List<long>();
        foreach (string part in shape.Groups["s"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part.TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out long dim))
                throw InputFile.Error(path, $"corrupt .npy header: bad shape ({shape.Groups["s"].Value})");
            dims.Add(dim);
        }
        string d = descr.Groups["d"].Value;
        Match bytes = BytesPattern.Match(d);
        NpyDType dtype = allowBytes && bytes.Success
            ? new NpyDType('S', int.Parse(bytes.Groups["n"].Value, CultureInfo.InvariantCulture), false)
            : NpyDType.Parse(path, d);
        return new NpyHeader(dtype, fortran.Groups["f"].Value == "True", [.. dims]);
    }
}
