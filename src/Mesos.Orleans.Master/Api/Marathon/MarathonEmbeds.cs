namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>Reads Marathon's <c>embed</c> parameters (<c>apps.tasks</c>, <c>app.counts</c>…), as Marathon does.</summary>
internal static class MarathonEmbeds
{
    /// <summary>What <c>GET /v2/apps</c> always embeds (Marathon: counts and deployments, until "a future release").</summary>
    public const MarathonEmbed ListDefault = MarathonEmbed.Counts | MarathonEmbed.Deployments;

    /// <summary>What <c>GET /v2/apps/{id}</c> always embeds.</summary>
    public const MarathonEmbed ShowDefault = MarathonEmbed.Counts | MarathonEmbed.Deployments | MarathonEmbed.Tasks | MarathonEmbed.LastTaskFailure;

    /// <summary>
    /// The embeds named, added to <paramref name="always"/>. Both prefixes (<c>app.</c>, <c>apps.</c>) are accepted;
    /// names Marathon does not know, or that have nothing here (<c>readiness</c>, <c>taskStats</c>), add nothing.
    /// </summary>
    public static MarathonEmbed Parse(IEnumerable<string?> values, MarathonEmbed always)
    {
        var embed = always;
        foreach (var value in values)
        {
            var name = value?.Trim() ?? "";
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            embed |= (dot >= 0 ? name[(dot + 1)..] : name).ToUpperInvariant() switch
            {
                "COUNTS" or "COUNT" => MarathonEmbed.Counts,
                "DEPLOYMENTS" => MarathonEmbed.Deployments,
                "TASKS" => MarathonEmbed.Tasks | MarathonEmbed.Deployments, // as Marathon: tasks bring deployments
                "LASTTASKFAILURE" => MarathonEmbed.LastTaskFailure,
                "FAILURES" => MarathonEmbed.Tasks | MarathonEmbed.Deployments | MarathonEmbed.Counts | MarathonEmbed.LastTaskFailure,
                _ => MarathonEmbed.None,
            };
        }

        return embed;
    }
}
