using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LowRank.Tests.Reports;

/// <summary>
/// Debian's headless Chromium driven over the Chrome DevTools Protocol (a WebSocket, JSON messages): opens a page, waits
/// for its load event, asks the page itself which images decoded, and takes a full-page screenshot. Used to check that a
/// report renders in a real browser, not only that its HTML names files that exist.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly string[] Candidates = ["chromium", "chromium-browser", "google-chrome"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly string profile;
    private readonly ClientWebSocket socket = new();
    private int nextId;

    private HeadlessChromium(Process process, string profile)
    {
        this.process = process;
        this.profile = profile;
    }

    /// <summary>The browser executable: <c>LOWRANK_CHROMIUM</c>, else the first of chromium, chromium-browser, google-chrome on PATH; or null.</summary>
    public static string? Executable
    {
        get
        {
            string? configured = Environment.GetEnvironmentVariable("LOWRANK_CHROMIUM");
            if (!string.IsNullOrEmpty(configured)) return File.Exists(configured) ? configured : null;
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
                foreach (string name in Candidates)
                    if (dir.Length > 0 && File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
            return null;
        }
    }

    /// <summary>Starts the browser with a throw-away profile and connects to its first page.</summary>
    public static async Task<HeadlessChromium> StartAsync(int width = 1280, int height = 900)
    {
        string exe = Executable ?? throw new InvalidOperationException("no Chromium found (apt-get install chromium)");
        string profile = Directory.CreateTempSubdirectory("lowrank-chromium-").FullName;
        var start = new ProcessStartInfo(exe)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--hide-scrollbars", "--remote-debugging-port=0", $"--user-data-dir={profile}", $"--window-size={width},{height}",
                     "about:blank",
                 })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {exe}");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.ConnectAsync();
            await browser.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject
            {
                ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false,
            });
            await browser.SendAsync("Page.enable");
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Navigates to <paramref name="file"/>, waits for the load event, and reports what the page rendered.</summary>
    public async Task<RenderedPage> OpenAsync(string file, int maxScreenshotHeight = 16_000)
    {
        var loaded = SendAsync("Page.navigate", new JsonObject { ["url"] = new Uri(Path.GetFullPath(file)).AbsoluteUri }, waitForEvent: "Page.loadEventFired");
        await loaded;
        // The report's figures load lazily, as for a reader: scroll each into view and wait for it to decode (or fail).
        const string probe = """
            (async () => {
              for (const img of document.images) {
                img.scrollIntoView();
                await img.decode().catch(() => {});
              }
              window.scrollTo(0, 0);
              return JSON.stringify({
                title: document.title,
                images: document.images.length,
                broken: Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src')),
                tables: document.querySelectorAll('table').length,
                headings: Array.from(document.querySelectorAll('h2')).map(h => h.textContent),
                width: document.documentElement.scrollWidth,
                height: document.documentElement.scrollHeight
              });
            })()
            """;
        var evaluated = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = probe, ["returnByValue"] = true, ["awaitPromise"] = true });
        var page = JsonNode.Parse(evaluated["result"]!["value"]!.GetValue<string>())!;
        int height = page["height"]!.GetValue<int>();
        int width = page["width"]!.GetValue<int>();
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = Math.Min(height, maxScreenshotHeight), ["scale"] = 1 },
        });
        return new RenderedPage(
            page["title"]!.GetValue<string>(),
            page["images"]!.GetValue<int>(),
            page["broken"]!.AsArray().Select(s => s?.GetValue<string>() ?? "").ToArray(),
            page["tables"]!.GetValue<int>(),
            page["headings"]!.AsArray().Select(s => s?.GetValue<string>() ?? "").ToArray(),
            height,
            Convert.FromBase64String(shot["data"]!.GetValue<string>()));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (socket.State == WebSocketState.Open)
                await SendAsync("Browser.close").WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or InvalidOperationException)
        {
            // The browser is killed below in any case.
        }
        socket.Dispose();
        if (!process.WaitForExit(5_000)) process.Kill(entireProcessTree: true);
        process.Dispose();
        try { Directory.Delete(profile, recursive: true); }
        catch (IOException) { /* Chromium may still be releasing its profile; the temp directory is cleaned by the OS. */ }
    }

    /// <summary>Chromium writes its port to DevToolsActivePort in the profile; /json/list names the page's WebSocket.</summary>
    private async Task ConnectAsync()
    {
        string portFile = Path.Combine(profile, "DevToolsActivePort");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(portFile) || new FileInfo(portFile).Length == 0)
        {
            if (process.HasExited) throw new InvalidOperationException($"Chromium exited with code {process.ExitCode} before it opened its DevTools port");
            if (clock.Elapsed > Patience) throw new TimeoutException("Chromium did not open its DevTools port");
            await Task.Delay(100);
        }
        string port = (await File.ReadAllLinesAsync(portFile))[0].Trim();
        using var http = new HttpClient { Timeout = Patience };
        JsonArray targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
        string url = targets.First(t => t!["type"]!.GetValue<string>() == "page")!["webSocketDebuggerUrl"]!.GetValue<string>();
        await socket.ConnectAsync(new Uri(url), CancellationToken.None);
    }

    /// <summary>Sends one command and returns its result; with <paramref name="waitForEvent"/>, also waits for that event.</summary>
    private async Task<JsonNode> SendAsync(string method, JsonObject? parameters = null, string? waitForEvent = null)
    {
        int id = ++nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        using var timeout = new CancellationTokenSource(Patience);
        JsonNode? result = null;
        bool eventSeen = waitForEvent is null;
        while (result is null || !eventSeen)
        {
            JsonNode reply = await ReceiveAsync(timeout.Token);
            if (reply["id"]?.GetValue<int>() == id)
            {
                if (reply["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
                result = reply["result"] ?? new JsonObject();
            }
            else if (reply["method"]?.GetValue<string>() == waitForEvent)
                eventSeen = true;
        }
        return result;
    }

    private async Task<JsonNode> ReceiveAsync(CancellationToken cancellation)
    {
        var buffer = new byte[1 << 16];
        using var text = new MemoryStream();
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, cancellation);
            if (received.MessageType == WebSocketMessageType.Close) throw new WebSocketException("Chromium closed the DevTools connection");
            text.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);
        return JsonNode.Parse(text.ToArray())!;
    }
}

/// <summary>What the browser rendered: title, image count, images that did not decode, tables, section headings, page height, PNG screenshot.</summary>
internal sealed record RenderedPage(string Title, int Images, string[] BrokenImages, int Tables, string[] Headings, int Height, byte[] Screenshot);
