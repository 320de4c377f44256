namespace Mesos.Orleans.Core.Scheduling.Constraints;

/// <summary>Reads a constraint's field off an agent: <c>hostname</c> (or <c>@hostname</c>) or an attribute.</summary>
public static class ConstraintField
{
    /// <summary>The field's value on an agent, or null when it has no such attribute.</summary>
    public static string? ValueOf(string field, string hostname, IReadOnlyDictionary<string, string> attributes) =>
        field is "hostname" or "@hostname" ? hostname : attributes.GetValueOrDefault(field);
}
