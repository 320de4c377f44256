namespace Mesos.Orleans.Core.Scheduling.Constraints;

/// <summary>Where one of an app's instances runs: what constraints compare new placements with.</summary>
public sealed record PlacedInstance(string Hostname, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>The value of a constraint's field on this instance's agent (null when the agent lacks it).</summary>
    public string? ValueOf(string field) => ConstraintField.ValueOf(field, Hostname, Attributes);
}
