namespace Mesos.Orleans.Storage.Migrations;

/// <summary>
/// One step of an engine's schema history. Steps are applied in ascending <see cref="Version"/> order, each once,
/// and recorded in the <c>schema_migrations</c> table; a step's SQL must never change once released.
/// </summary>
/// <param name="Version">Position in the history, starting at 1, without gaps.</param>
/// <param name="Description">What the step does, stored alongside its version.</param>
/// <param name="Sql">The statements of the step, run inside the migration transaction.</param>
internal sealed record SchemaMigration(int Version, string Description, string Sql);
