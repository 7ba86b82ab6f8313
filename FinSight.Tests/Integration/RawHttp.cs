using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FinSight.Tests.Integration;

/// <summary>
/// A request sent over a plain socket with its target exactly as written: HttpClient (System.Uri) would decode
/// "%2e" and remove ".." segments before sending, so path attacks must bypass it to reach the server as an attacker's would.
/// </summary>
public static class RawHttp
{
    public sealed record Answer(HttpStatusCode Status, string Headers, string Body);

    public static async Task<Answer> SendAsync(FinSightServer server, string method, string target, string? apiKey, string? body = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.Port);
        await using var stream = client.GetStream();
        var content = Encoding.UTF8.GetBytes(body ?? "");
        var request = new StringBuilder()
            .Append($"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{server.Port}\r\nConnection: close\r\nContent-Length: {content.Length}\r\n");
        if (apiKey is not null) request.Append($"Authorization: Bearer {apiKey}\r\n");
        request.Append("\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request.ToString()));
        await stream.WriteAsync(content);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? response : response[..split];
        var rest = split < 0 ? "" : response[(split + 4)..];
        var status = (HttpStatusCode)int.Parse(head.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        return new Answer(status, head, head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Dechunk(rest) : rest);
    }

    private static string Dechunk(string chunked)
    {
        var text = new StringBuilder();
        var at = 0;
        while (at < chunked.Length)
        {
            var lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (lineEnd < 0) break;
            var size = Convert.ToInt32(chunked[at..lineEnd].Split(';')[0], 16);
            if (size == 0) break;
            text.Append(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return text.ToString();
    }
}
