namespace Mesos.Orleans.IntegrationTests.Support;

/// <summary>
/// A task that serves HTTP and whose health and readiness a test flips: <c>/health</c> fails (500) while a file
/// <c>unhealthy</c> is in its sandbox; <c>/ready</c> passes (200) once a file <c>ready</c> is.
/// </summary>
public static class FlipServer
{
    private const string Script = """
        import http.server, os, sys
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == '/health':
                    code = 500 if os.path.exists('unhealthy') else 200
                elif self.path == '/ready':
                    code = 200 if os.path.exists('ready') else 503
                else:
                    code = 200
                self.send_response(code)
                self.end_headers()
                self.wfile.write(b'ok')
            def log_message(self, *args):
                pass
        http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Handler).serve_forever()
        """;

    private static readonly Lazy<string> Path = new(() =>
    {
        var path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("mesos-orleans-flip-").FullName, "flip.py");
        File.WriteAllText(path, Script);
        return path;
    });

    /// <summary>The task's command.</summary>
    public static string Command => $"exec python3 {Path.Value} $PORT0";

    /// <summary>Creates (or removes) a flag file in a task's sandbox.</summary>
    public static void Flag(string dataDirectory, string taskId, string flag, bool set = true)
    {
        var file = System.IO.Path.Combine(dataDirectory, "agent", "sandboxes", taskId, flag);
        if (set)
        {
            File.WriteAllText(file, "");
        }
        else
        {
            File.Delete(file);
        }
    }
}
