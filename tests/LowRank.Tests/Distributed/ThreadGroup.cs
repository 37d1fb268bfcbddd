using LowRank.Distributed;

namespace LowRank.Tests.Distributed;

/// <summary>
/// P "processes" as threads of this test, for checking the distributed algorithms at several process counts without
/// mpirun: every collective waits for all members (a barrier), then each member combines the deposited buffers in rank
/// order — so every member gets the same bits, as Open MPI's Allreduce gives.
/// </summary>
internal sealed class ThreadGroup
{
    private readonly Barrier _barrier;
    private readonly double[][] _slots;

    private ThreadGroup(int size)
    {
        _barrier = new Barrier(size);
        _slots = new double[size][];
    }

    /// <summary>Runs <paramref name="body"/> on <paramref name="size"/> threads, one member each; returns their results by rank.</summary>
    public static T[] Run<T>(int size, Func<ICommunicator, T> body)
    {
        var group = new ThreadGroup(size);
        var results = new T[size];
        var failures = new Exception?[size];
        var threads = Enumerable.Range(0, size).Select(r => new Thread(() =>
        {
            try
            {
                results[r] = body(new Member(group, r));
            }
            catch (Exception e)
            {
                failures[r] = e;
                group._barrier.RemoveParticipant(); // let the others fail or finish instead of waiting forever
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (failures.Any(f => f is not null)) throw new AggregateException(failures.OfType<Exception>());
        return results;
    }

    private sealed class Member(ThreadGroup group, int rank) : ICommunicator
    {
        public int Rank => rank;

        public int Size => group._slots.Length;

        public void Allreduce(Span<double> values, Reduction reduction)
        {
            var all = Deposit(values);
            for (int i = 0; i < values.Length; i++)
            {
                double x = all[0][i];
                for (int r = 1; r < all.Length; r++)
                    x = reduction switch { Reduction.Sum => x + all[r][i], Reduction.Max => Math.Max(x, all[r][i]), _ => Math.Min(x, all[r][i]) };
                values[i] = x;
            }
            group._barrier.SignalAndWait();
        }

        public void Broadcast(Span<byte> buffer, int root)
        {
            var doubles = new double[buffer.Length];
            for (int i = 0; i < buffer.Length; i++) doubles[i] = buffer[i];
            Broadcast(doubles, root);
            for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)doubles[i];
        }

        public void Broadcast(Span<double> buffer, int root)
        {
            var all = Deposit(buffer);
            all[root].CopyTo(buffer);
            group._barrier.SignalAndWait();
        }

        public double[] AllGather(ReadOnlySpan<double> local)
        {
            var all = Deposit(local);
            var result = all.SelectMany(x => x).ToArray();
            group._barrier.SignalAndWait();
            return result;
        }

        public void Barrier() => group._barrier.SignalAndWait();

        public void Abort(int exitCode) => throw new InvalidOperationException($"rank {rank} aborted with {exitCode}");

        /// <summary>Puts a copy of this member's buffer in its slot and waits until every member has; returns all slots.</summary>
        private double[][] Deposit(ReadOnlySpan<double> values)
        {
            group._slots[rank] = values.ToArray();
            group._barrier.SignalAndWait();
            return group._slots;
        }
    }
}
