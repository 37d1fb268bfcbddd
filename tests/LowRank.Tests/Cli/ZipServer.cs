using System.IO.Compression;
using System.Net;
using System.Net.Sockets;

namespace LowRank.Tests.Cli;

/// <summary>A one-file HTTP server on 127.0.0.1 serving a zip archive built from (entry name, content) pairs.</summary>
internal sealed class ZipServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _archive;

    public ZipServer(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using (var memory = new MemoryStream())
        {
            using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
                foreach (var (name, content) in entries)
                {
                    using var stream = zip.CreateEntry(name).Open();
                    stream.Write(content);
                }
            _archive = memory.ToArray();
        }
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/ml-100k.zip";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(Serve);
    }

    public string Url { get; }

    private async Task Serve()
    {
        try
        {
            while (true)
            {
                var context = await _listener.GetContextAsync();
                context.Response.ContentLength64 = _archive.Length;
                await context.Response.OutputStream.WriteAsync(_archive);
                context.Response.Close();
            }
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    public void Dispose() => _listener.Close();
}
