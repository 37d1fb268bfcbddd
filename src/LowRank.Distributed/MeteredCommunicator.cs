using System.Diagnostics;

namespace LowRank.Distributed;

/// <summary>
/// Another communicator's collectives, timed and counted: how many were called, how many values they carried and how
/// long this process spent in them (waiting for slower processes included) — the measured side of the α–β–γ model.
/// </summary>
public sealed class MeteredCommunicator(ICommunicator inner) : ICommunicator
{
    private readonly Stopwatch _clock = new();

    /// <summary>Collective calls made through this communicator.</summary>
    public int Calls { get; private set; }

    /// <summary>Values (doubles or bytes) this process contributed to them.</summary>
    public long Values { get; private set; }

    /// <summary>Wall-clock seconds spent inside them.</summary>
    public double Seconds => _clock.Elapsed.TotalSeconds;

    public int Rank => inner.Rank;

    public int Size => inner.Size;

    public void Allreduce(Span<double> values, Reduction reduction)
    {
        Count(values.Length);
        _clock.Start();
        inner.Allreduce(values, reduction);
        _clock.Stop();
    }

    public void Broadcast(Span<byte> buffer, int root)
    {
        Count(buffer.Length);
        _clock.Start();
        inner.Broadcast(buffer, root);
        _clock.Stop();
    }

    public void Broadcast(Span<double> buffer, int root)
    {
        Count(buffer.Length);
        _clock.Start();
        inner.Broadcast(buffer, root);
        _clock.Stop();
    }

    public double[] AllGather(ReadOnlySpan<double> local)
    {
        Count(local.Length);
        _clock.Start();
        var result = inner.AllGather(local);
        _clock.Stop();
        return result;
    }

    public void Barrier()
    {
        Count(0);
        _clock.Start();
        inner.Barrier();
        _clock.Stop();
    }

    public void Abort(int exitCode) => inner.Abort(exitCode);

    private void Count(long values)
    {
        Calls++;
        Values += values;
    }
}
