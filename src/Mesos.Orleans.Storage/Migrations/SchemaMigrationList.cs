namespace Mesos.Orleans.Storage.Migrations;

/// <summary>Checks that an engine's migration list is a proper history: versions 1, 2, 3, … in order.</summary>
internal static class SchemaMigrationList
{
    /// <summary>Returns <paramref name="migrations"/> after checking its versions run 1..n without gaps.</summary>
    public static IReadOnlyList<SchemaMigration> Validated(params SchemaMigration[] migrations)
    {
        for (var i = 0; i < migrations.Length; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"Migration at position {i} has version {migrations[i].Version}; versions must run 1, 2, 3, … without gaps.");
            }
        }

        return migrations;
    }
}
