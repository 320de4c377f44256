using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using Xunit;

namespace Mesos.Orleans.Storage.Tests.Postgres;

/// <summary>
/// A real, throwaway PostgreSQL server for tests (an xunit fixture; self-contained, so other test projects can
/// link this file). When <c>MESOS_ORLEANS_TEST_POSTGRES</c> holds a connection string, that server is used;
/// otherwise initdb/pg_ctl from PATH or <c>/usr/lib/postgresql/*/bin</c> create one in a temp directory, listening
/// on 127.0.0.1 on a free port (run as the <c>postgres</c> user when the tests run as root, since PostgreSQL refuses
/// root). Missing binaries fail the tests with instructions; they are never skipped.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    /// <summary>The variable naming an existing server to use instead of a throwaway one.</summary>
    public const string ConnectionStringVariable = "MESOS_ORLEANS_TEST_POSTGRES";

    private readonly List<string> _databases = [];
    private string? _root;
    private string? _binDirectory;
    private bool _runAsPostgres;

    /// <summary>A connection string to the server's <c>postgres</c> database, with rights to create databases.</summary>
    public string AdminConnectionString { get; private set; } = "";

    /// <summary>True when the server came from <see cref="ConnectionStringVariable"/> (it cannot be stopped from here).</summary>
    public bool IsExternal { get; private set; }

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            IsExternal = true;
            AdminConnectionString = external;
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
        var port = FreePort();
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

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Starts the local server (pg_ctl start) and waits until it accepts connections.</summary>
    public Task StartAsync() => RunPostgresToolAsync("pg_ctl", ["-D", LocalData(), "-l", Path.Combine(_root!, "postgres.log"), "-w", "-t", "60", "start"]);

    /// <summary>Stops the local server like an operator would (pg_ctl stop -m fast: sessions are cut, nothing committed is lost).</summary>
    public Task StopAsync() => RunPostgresToolAsync("pg_ctl", ["-D", LocalData(), "-m", "fast", "-w", "-t", "60", "stop"]);

    /// <summary>
    /// Restarts the local server (stop -m fast, start). For an external server, which cannot be restarted from
    /// here, every other session is terminated instead: clients see their connections die the same way.
    /// </summary>
    public async Task RestartAsync()
    {
        if (!IsExternal)
        {
            await StopAsync();
            await StartAsync();
            return;
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname LIKE 'test\\_%'", connection);
        await command.ExecuteScalarAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (IsExternal)
        {
            await DropDatabasesAsync();
            return;
        }

        if (_root is null)
        {
            return;
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

    private string LocalData()
    {
        if (IsExternal || _root is null)
        {
            throw new InvalidOperationException(
                $"This test stops and starts the server, which needs the fixture's own throwaway server: unset {ConnectionStringVariable}.");
        }

        return Path.Combine(_root, "data");
    }

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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            var message = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"'{fileName} {string.Join(' ', arguments)}' exited with {process.ExitCode}:\n")
                .Append(await output).Append(await error);
            var log = _root is null ? null : Path.Combine(_root, "postgres.log");
            if (log is not null && File.Exists(log))
            {
                message.Append("\nserver log:\n").Append(await File.ReadAllTextAsync(log));
            }

            throw new InvalidOperationException(message.ToString());
        }
    }
}
