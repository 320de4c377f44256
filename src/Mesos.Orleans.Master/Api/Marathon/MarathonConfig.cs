using System.Text.Json.Serialization;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>The part of Marathon's <c>marathon_config</c> that has a meaning here, with this system's values.</summary>
internal sealed record MarathonConfig
{
    /// <summary>Where Mesos is: this master itself.</summary>
    [JsonPropertyName("master")]
    public required string Master { get; init; }

    /// <summary>The built-in framework's name.</summary>
    [JsonPropertyName("framework_name")]
    public required string FrameworkName { get; init; }

    /// <summary>This master's host name.</summary>
    [JsonPropertyName("hostname")]
    public required string Hostname { get; init; }

    /// <summary>The API's URL.</summary>
    [JsonPropertyName("webui_url")]
    public required string WebuiUrl { get; init; }

    /// <summary>The UI of the Mesos leader: this master.</summary>
    [JsonPropertyName("mesos_leader_ui_url")]
    public required string MesosLeaderUiUrl { get; init; }

    /// <summary>The role apps' tasks are allocated to.</summary>
    [JsonPropertyName("mesos_role")]
    public string MesosRole { get; init; } = "*";

    /// <summary>Optional features turned on: none.</summary>
    [JsonPropertyName("features")]
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>Several masters may run: the store holds a leader lease.</summary>
    [JsonPropertyName("ha")]
    public bool Ha { get; init; } = true;

    /// <summary>Agents checkpoint their tasks.</summary>
    [JsonPropertyName("checkpoint")]
    public bool Checkpoint { get; init; } = true;

    /// <summary>How long a declined offer is refused, in ms.</summary>
    [JsonPropertyName("decline_offer_duration")]
    public required long DeclineOfferDuration { get; init; }

    /// <summary>How long an unanswered offer lives, in ms.</summary>
    [JsonPropertyName("offer_matching_timeout")]
    public required long OfferMatchingTimeout { get; init; }

    /// <summary>How often every app reconciles, in ms.</summary>
    [JsonPropertyName("reconciliation_interval")]
    public required long ReconciliationInterval { get; init; }

    /// <summary>Ended tasks are forgotten at once (0 ms).</summary>
    [JsonPropertyName("task_lost_expunge_initial_delay")]
    public long TaskLostExpungeInitialDelay { get; init; }

    /// <summary>Ended tasks are forgotten at once (0 ms).</summary>
    [JsonPropertyName("task_lost_expunge_interval")]
    public long TaskLostExpungeInterval { get; init; }

    /// <summary>The prefix of the variables tasks get: none.</summary>
    [JsonPropertyName("env_vars_prefix")]
    public string EnvVarsPrefix { get; init; } = "";
}
