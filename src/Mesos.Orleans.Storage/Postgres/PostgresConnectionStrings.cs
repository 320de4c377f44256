using Npgsql;

namespace Mesos.Orleans.Storage.Postgres;

/// <summary>
/// Recognizes PostgreSQL store strings and turns libpq's URI form
/// (<c>postgresql://user:password@host:port/database?sslmode=require</c>) into an Npgsql connection string.
/// </summary>
public static class PostgresConnectionStrings
{
    // libpq query parameters whose Npgsql keyword differs; any other key is passed to Npgsql as is.
    private static readonly Dictionary<string, string> LibpqKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["user"] = "Username",
        ["dbname"] = "Database",
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["target_session_attrs"] = "Target Session Attributes",
    };

    /// <summary>True for a URI (<c>postgres://</c>, <c>postgresql://</c>) or a connection string with a <c>Host=</c>.</summary>
    public static bool IsPostgres(string store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var text = store.Trim();
        return IsUri(text) || text.Split(';').Any(part => part.Split('=')[0].Trim().Equals("Host", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Returns an Npgsql connection string for a URI or a connection string (the latter unchanged).</summary>
    public static string Normalize(string store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var text = store.Trim();
        return IsUri(text) ? FromUri(text) : text;
    }

    private static bool IsUri(string text) =>
        text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    private static string FromUri(string uri)
    {
        var rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var authorityEnd = rest.IndexOfAny(['/', '?']);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var tail = authorityEnd < 0 ? "" : rest[authorityEnd..];
        var builder = new NpgsqlConnectionStringBuilder();

        // The password may itself contain '@' when not percent-encoded: the host starts after the last one.
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
            }

            authority = authority[(at + 1)..];
        }

        SetHosts(builder, Uri.UnescapeDataString(authority));

        var queryStart = tail.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? tail : tail[..queryStart];
        if (path.Length > 1)
        {
            builder.Database = Uri.UnescapeDataString(path[1..]);
        }

        if (queryStart >= 0)
        {
            foreach (var pair in tail[(queryStart + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
                SetOption(builder, key, value, uri);
            }
        }

        return builder.ConnectionString;
    }

    private static void SetHosts(NpgsqlConnectionStringBuilder builder, string hosts)
    {
        if (hosts.Length == 0)
        {
            return;
        }

        // One host: split off its port. Several (host1:5432,host2:5433): Npgsql reads "host:port" entries itself.
        if (hosts.Contains(',', StringComparison.Ordinal))
        {
            builder.Host = hosts;
            return;
        }

        var portSeparator = hosts.LastIndexOf(':');
        var bracketEnd = hosts.LastIndexOf(']');
        if (portSeparator > bracketEnd && (bracketEnd >= 0 || hosts.IndexOf(':', StringComparison.Ordinal) == portSeparator))
        {
            builder.Port = int.Parse(hosts[(portSeparator + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            hosts = hosts[..portSeparator];
        }

        builder.Host = hosts.TrimStart('[').TrimEnd(']');
    }

    private static void SetOption(NpgsqlConnectionStringBuilder builder, string key, string value, string uri)
    {
        if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase))
        {
            // libpq spells these verify-ca/verify-full; Npgsql's enum is VerifyCA/VerifyFull.
            value = value.Replace("-", "", StringComparison.Ordinal);
        }

        var keyword = LibpqKeywords.TryGetValue(key, out var mapped) ? mapped : key;
        try
        {
            builder[keyword] = value;
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"The PostgreSQL URI's parameter '{key}' is not understood: {exception.Message}", nameof(uri), exception);
        }
    }
}
