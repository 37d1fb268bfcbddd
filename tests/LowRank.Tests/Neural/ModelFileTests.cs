using System.Numerics;
using System.Security.Cryptography;
using LowRank.Neural;
using LowRank.Neural.Serialization;
using Xunit;

namespace LowRank.Tests.Neural;

public class ModelFileTests
{
    private static Sequential<T> Model<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(7);
        return new Sequential<T>(
            new Linear<T>(6, 5, true, random),
            new ReLU<T>(),
            new Dropout<T>(0.2, seed: 3),
            new Sequential<T>(new Linear<T>(5, 4, false, random, Initializer.Orthogonal), new Tanh<T>(), new Sigmoid<T>()),
            new Softplus<T>(),
            new Identity<T>(),
            new Linear<T>(4, 2, true, random, Initializer.GlorotUniform));
    }

    private static byte[] Saved<T>(Module<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var stream = new MemoryStream();
        ModelFile.Save(model, stream);
        return stream.ToArray();
    }

    private static void RoundTrip<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var model = Model<T>();
        foreach (var p in model.Parameters().Where(p => p.Name == "bias"))
            for (int i = 0; i < p.Length; i++) p.Value[i] = T.CreateTruncating(0.1 * i - 0.05);
        byte[] bytes = Saved(model);
        var loaded = ModelFile.Load<T>(new MemoryStream(bytes));
        Assert.Equal(Describe(model), Describe(loaded));
        var expected = model.Parameters().SelectMany(p => p.Value).ToArray();
        var actual = loaded.Parameters().SelectMany(p => p.Value).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(expected[i].Equals(actual[i]), $"parameter {i}");
        Assert.Equal(bytes, Saved(loaded));
        model.Eval();
        loaded.Eval();
        var x = new Tensor<T>(3, 6);
        for (int i = 0; i < x.Span.Length; i++) x.Span[i] = T.CreateTruncating(Math.Sin(i));
        Assert.Equal(model.Forward(x).Span.ToArray(), loaded.Forward(x).Span.ToArray());
    }

    private static string Describe<T>(Module<T> module) where T : unmanaged, IFloatingPointIeee754<T> => module switch
    {
        Sequential<T> s => "[" + string.Join(",", s.Layers.Select(Describe)) + "]",
        Linear<T> l => $"Linear({l.InFeatures},{l.OutFeatures},{l.Bias is not null})",
        Dropout<T> d => $"Dropout({d.P},{d.Seed})",
        _ => module.GetType().Name,
    };

    [Fact]
    public void Float32_round_trips_bit_exactly() => RoundTrip<float>();

    [Fact]
    public void Float64_round_trips_bit_exactly() => RoundTrip<double>();

    private static string Refusal(byte[] bytes) =>
        Assert.Throws<InvalidInputException>(() => ModelFile.Load<float>(new MemoryStream(bytes))).Message;

    [Fact]
    public void Every_flipped_byte_is_refused()
    {
        byte[] good = Saved(Model<float>());
        for (int i = 0; i < good.Length; i++)
        {
            var bad = (byte[])good.Clone();
            bad[i] ^= 0x10;
            string message = Refusal(bad);
            Assert.DoesNotContain('\n', message);
        }
        var flipped = (byte[])good.Clone();
        flipped[40] ^= 1;
        Assert.Contains("checksum", Refusal(flipped));
    }

    [Fact]
    public void Truncated_foreign_future_and_wrong_dtype_files_are_refused()
    {
        byte[] good = Saved(Model<float>());
        foreach (int length in new[] { 0, 5, 12, 19, 20, 100, good.Length - 1 })
            Assert.Contains(length < 8 ? "not a LowRank model" : "truncated", Refusal(good[..length]));
        Assert.Contains("not a LowRank model", Refusal("{\"layers\": []}\n"u8.ToArray()));
        var future = (byte[])good.Clone();
        future[8] = 3;
        Assert.Contains("version 3 is newer", Refusal(future));
        var message = Assert.Throws<InvalidInputException>(() => ModelFile.Load<double>(new MemoryStream(good))).Message;
        Assert.Contains("float32", message);
    }

    /// <summary>The file with its first payload byte (the top module's kind) replaced and the checksum made valid again.</summary>
    private static byte[] WithTopKind(byte[] file, byte kind)
    {
        var bytes = (byte[])file.Clone();
        bytes[20] = kind;
        SHA256.HashData(bytes.AsSpan(20, bytes.Length - 20 - 32)).CopyTo(bytes, bytes.Length - 32);
        return bytes;
    }

    [Fact]
    public void A_model_without_adapters_stays_version_1_and_one_with_an_adapter_is_version_2()
    {
        byte[] plain = Saved(Model<float>());
        Assert.Equal(1, BitConverter.ToUInt16(plain, 8));
        var adapted = new Sequential<float>(new ReLU<float>(), new Sequential<float>(new LoRALinear<float>(new Linear<float>(3, 2, true, new Random(1)), 1, 2, new Random(2))));
        byte[] withAdapter = Saved(adapted);
        Assert.Equal(2, BitConverter.ToUInt16(withAdapter, 8));
        Assert.IsType<LoRALinear<float>>(((Sequential<float>)((Sequential<float>)ModelFile.Load<float>(new MemoryStream(withAdapter))).Layers[1]).Layers[0]);
        // A version-1 reader would have met kind 9 there: this build refuses kind 9 in a version-1 file by name.
        var old = (byte[])withAdapter.Clone();
        old[8] = 1;
        Assert.Contains("unknown layer kind 9 in a version-1 file", Refusal(old));
        for (int i = 0; i < withAdapter.Length; i++) // and every damaged byte of an adapter file is refused in one line
        {
            var bad = (byte[])withAdapter.Clone();
            bad[i] ^= 0x10;
            Assert.DoesNotContain('\n', Refusal(bad));
        }
    }

    [Fact]
    public void An_unknown_layer_kind_with_a_valid_checksum_is_refused_by_name()
    {
        byte[] good = Saved(Model<float>());
        Assert.Equal(1, good[20]); // the top Sequential
        Assert.Equal("model file is corrupt (unknown layer kind 42 in a version-1 file)", Refusal(WithTopKind(good, 42)));
        Assert.Contains("unknown layer kind 0", Refusal(WithTopKind(good, 0)));
    }
}
