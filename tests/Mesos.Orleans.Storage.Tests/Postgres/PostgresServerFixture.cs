using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mesos.Orleans.Testing;
using Npgsql;
using Xunit;

namespace Mesos.Orleans.Storage.Tests.Postgres;

/// <summary>
/// A real, throwaway PostgreSQL server for tests (an xunit fixture; other test projects link this file, and
/// reference the shared test helpers it takes its port from). When <c>MESOS_ORLEANS_TEST_POSTGRES</c> holds a connection string, that server is used;
/// otherwise initdb/pg_ctl from PATH or <c>/usr/lib/postgresql/*/bin</c> create one in a temp directory, listening
/// on 127.0.0.1 on a free port (run as the <c>postgres</c> user when the tests run as root, since PostgreSQL refuses
/// root). Missing binaries fail the tests with instructions; they are never skipped. An external server cannot be
/// restarted from here, so test databases on it are reached through a local TCP gate that
/// <see cref="StopAsync"/> shuts (refusing and cutting connections, as a stopped server does) and
/// <see cref="StartAsync"/> reopens.
/// </summary>
#pragma warning disable CA1001 // The gate is disposed in IAsyncLifetime.DisposeAsync, xunit's end of a fixture's life.
public sealed class PostgresServerFixture : IAsyncLifetime
#pragma warning restore CA1001
{
    /// <summary>The variable naming an existing server to use instead of a throwaway one.</summary>
    public const string ConnectionStringVariable = "MESOS_ORLEANS_TEST_POSTGRES";

    private readonly List<string> _databases = [];
    private string? _root;
    private string? _binDirectory;
    private bool _runAsPostgres;
    private TcpGate? _gate;

    /// <summary>A connection string to the server's <c>postgres</c> database, with rights to create databases.</summary>
    public string AdminConnectionString { get; private set; } = "";

    /// <summary>True when the server came from <see cref="ConnectionStringVariable"/>.</summary>
    public bool IsExternal { get; private set; }

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            IsExternal = true;
            AdminConnectionString = external;
            var target = new NpgsqlConnectionStringBuilder(external);
            _gate = new TcpGate(target.Host ?? "localhost", target.Port);
            _gate.Open();
            return;
        }

        _binDirectory = FindBinDirectory() ?? throw new InvalidOperationException(MissingBinariesMessage());
        _root = Directory.CreateTempSubdirectory("mesos-orleans-pg-").FullName;
        _runAsPostgres = Environment.UserName == "root";
        if (_runAsPostgres)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _root]);
        }

        var data = Path.Combine(_root, "data");
        await RunPostgresToolAsync("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        var port = FreePort.Next();
        // fsync off: a throwaway server need not survive power loss; a clean (fast) shutdown still loses nothing.
        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), $"""

            listen_addresses = '127.0.0.1'
            port = {port}
            unix_socket_directories = '{_root}'
            fsync = off
            max_connections = 200
            """);
        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Pooling = false,
        }.ConnectionString;
        await StartAsync();
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true };
        if (_gate is not null)
        {
            (builder.Host, builder.Port) = ("127.0.0.1", _gate.Port);
        }

        return builder.ConnectionString;
    }

    /// <summary>Starts the server (pg_ctl start) and waits until it accepts connections; for an external one, reopens the gate.</summary>
    public Task StartAsync()
    {
        if (_gate is not null)
        {
            _gate.Open();
            return Task.CompletedTask;
        }

        return RunPostgresToolAsync("pg_ctl", ["-D", LocalData(), "-l", Path.Combine(_root!, "postgres.log"), "-w", "-t", "60", "start"]);
    }

    /// <summary>
    /// Stops the server like an operator would (pg_ctl stop -m fast: sessions are cut, nothing committed is lost);
    /// for an external one, shuts the gate.
    /// </summary>
    public Task StopAsync() => _gate is not null
        ? _gate.CloseAsync()
        : RunPostgresToolAsync("pg_ctl", ["-D", LocalData(), "-m", "fast", "-w", "-t", "60", "stop"]);

    /// <summary>Restarts the server: <see cref="StopAsync"/>, then <see cref="StartAsync"/>.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_gate is not null)
        {
            await _gate.CloseAsync();
            await DropDatabasesAsync();
            return;
        }

        if (_root is null)
        {
            return; // initialization failed before creating anything
        }

        try
        {
            await RunPostgresToolAsync("pg_ctl", ["-D", LocalData(), "-m", "immediate", "-w", "-t", "60", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped (a test stopped it and failed before starting it again).
        }

        Directory.Delete(_root, recursive: true);
    }

    private async Task DropDatabasesAsync()
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private string LocalData() => Path.Combine(_root ?? throw new InvalidOperationException("The fixture is not initialized."), "data");

    private static string? FindBinDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            .Select(dir => Path.GetDirectoryName(ResolveLink(Path.Combine(dir, "initdb"))));
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out var version) ? version : 0)
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(dir => File.Exists(Path.Combine(dir, "initdb")))
            : [];
        return onPath.Concat(debian).FirstOrDefault(dir => dir is not null && File.Exists(Path.Combine(dir, "pg_ctl")));
    }

    private static string ResolveLink(string path) => File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;

    private static string MissingBinariesMessage()
    {
        var where = $"PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin.";
        var how = $"Install them (Debian/Ubuntu: apt-get install -y postgresql) or set {ConnectionStringVariable} to the connection string of a server where the user may create databases.";
        return string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? $"{where} CI=true: the PostgreSQL tests must run in CI, not be skipped. {how}"
            : $"{where} {how}";
    }

    private Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var executable = Path.Combine(_binDirectory!, tool);
        if (!_runAsPostgres)
        {
            return RunAsync(executable, arguments);
        }

        // PostgreSQL refuses to run as root.
        return File.Exists("/usr/sbin/runuser") || File.Exists("/sbin/runuser")
            ? RunAsync("runuser", ["-u", "postgres", "--", executable, .. arguments])
            : RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", string.Join(' ', new[] { executable }.Concat(arguments).Select(Quote))]);
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private async Task RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {string.Join(' ', arguments)}' did not finish within 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            var log = _root is not null && File.Exists(Path.Combine(_root, "postgres.log")) ? await File.ReadAllTextAsync(Path.Combine(_root, "postgres.log")) : "";
            throw new InvalidOperationException(
                $"'{fileName} {string.Join(' ', arguments)}' exited with {process.ExitCode}:\n{await output}{await error}\nserver log:\n{log}");
        }
    }

    /// <summary>A TCP forwarder from a local port to an external server, which can refuse and cut connections.</summary>
    private sealed class TcpGate(string host, int port) : IDisposable
    {
        private readonly List<TcpClient> _connections = [];
        private TcpListener? _listener;
        private CancellationTokenSource? _stop;
        private Task _accepting = Task.CompletedTask;

        public int Port { get; private set; }

        public void Open()
        {
            _listener = new TcpListener(IPAddress.Loopback, Port); // the same port each time: clients keep their connection string
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _stop = new CancellationTokenSource();
            _accepting = AcceptAsync(_listener, _stop.Token);
        }

        public async Task CloseAsync()
        {
            await _stop!.CancelAsync();
            _listener!.Stop();
            lock (_connections)
            {
                _connections.ForEach(connection => connection.Dispose());
                _connections.Clear();
            }

            await _accepting;
            Dispose();
        }

        public void Dispose()
        {
            _stop?.Dispose();
            _listener?.Dispose();
        }

        private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient inbound;
                try
                {
                    inbound = await listener.AcceptTcpClientAsync(stop);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                _ = ForwardAsync(inbound, stop);
            }
        }

        private async Task ForwardAsync(TcpClient inbound, CancellationToken stop)
        {
            var outbound = new TcpClient();
            lock (_connections)
            {
                _connections.Add(inbound);
                _connections.Add(outbound);
            }

            try
            {
                await outbound.ConnectAsync(host, port, stop);
                var up = inbound.GetStream().CopyToAsync(outbound.GetStream(), stop);
                var down = outbound.GetStream().CopyToAsync(inbound.GetStream(), stop);
                await Task.WhenAny(up, down);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // The gate closed or a side hung up: both ends are closed below.
            }
            finally
            {
                inbound.Dispose();
                outbound.Dispose();
            }
        }
    }
}
