using System.Text;

namespace LowRank.Distributed;

/// <summary>
/// Makes a failure seen by some processes a failure of all, with one message: at a point every process reaches, each
/// says whether it failed (one Allreduce of a flag); if any did, the failure of the lowest-numbered failing process —
/// its kind, its one-line message and the setting at fault (<see cref="InvalidInputException.Parameter"/>) — is broadcast, and every process throws the same exception. So bad input found
/// on one rank stops every rank with the same error and exit code, and no process is left waiting in a collective.
/// </summary>
public static class Agreement
{
    /// <summary>
    /// Call on every process with the exception this process caught since the last agreement (or null). Returns when no
    /// process failed; otherwise throws on every process: <see cref="InvalidInputException"/> when the first failure was
    /// bad input, <see cref="FileAccessException"/> when it was an I/O failure, <see cref="DistributedFailureException"/> otherwise.
    /// </summary>
    public static void Check(ICommunicator communicator, Exception? failure)
    {
        var first = new double[] { failure is null ? communicator.Size : communicator.Rank };
        communicator.Allreduce(first, Reduction.Min);
        int root = (int)first[0];
        if (root == communicator.Size) return;

        var header = new double[3];
        byte[] text = [];
        if (communicator.Rank == root)
        {
            byte[] parameter = Encoding.UTF8.GetBytes((failure as InvalidInputException)?.Parameter ?? "");
            text = [.. parameter, .. Encoding.UTF8.GetBytes(failure!.Message)];
            header[0] = failure switch { InvalidInputException => 2, FileAccessException => 1, _ => 0 };
            header[1] = text.Length;
            header[2] = parameter.Length;
        }
        communicator.Broadcast(header, root);
        if (communicator.Rank != root) text = new byte[(int)header[1]];
        communicator.Broadcast(text, root);
        int parameterLength = (int)header[2];
        string message = Encoding.UTF8.GetString(text, parameterLength, text.Length - parameterLength);
        string? setting = parameterLength == 0 ? null : Encoding.UTF8.GetString(text, 0, parameterLength);
        if (communicator.Rank == root) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure!);
        int colon = message.IndexOf(": ", StringComparison.Ordinal);
        throw header[0] switch
        {
            2 => new InvalidInputException(message, setting),
            1 when colon > 0 => new FileAccessException(message[..colon], message[(colon + 2)..]),
            _ => new DistributedFailureException(root, message),
        };
    }

    /// <summary>Runs <paramref name="step"/> on every process and agrees on its outcome (<see cref="Check"/>).</summary>
    public static T Run<T>(ICommunicator communicator, Func<T> step)
    {
        T result = default!;
        Exception? failure = null;
        try
        {
            result = step();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failure = e;
        }
        Check(communicator, failure);
        return result;
    }

    /// <summary>Runs <paramref name="step"/> on every process and agrees on its outcome (<see cref="Check"/>).</summary>
    public static void Run(ICommunicator communicator, Action step) => Run(communicator, () =>
    {
        step();
        return true;
    });
}
