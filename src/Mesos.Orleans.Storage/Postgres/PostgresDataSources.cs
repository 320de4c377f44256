using Npgsql;

namespace Mesos.Orleans.Storage.Postgres;

/// <summary>Builds the engine's <see cref="NpgsqlDataSource"/> from a user's connection string.</summary>
internal static class PostgresDataSources
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        // The store sends the same few statements thousands of times: let Npgsql prepare them on each connection,
        // unless the user chose otherwise.
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 32;
        }

        if (string.IsNullOrEmpty(settings.ApplicationName))
        {
            settings.ApplicationName = "mesos-orleans";
        }

        return builder.Build();
    }
}
