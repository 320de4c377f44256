namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>A deployment under way as <c>/v2/deployments</c> lists it (Marathon's <c>DeploymentStepInfo</c>).</summary>
internal sealed record MarathonDeployment
{
    /// <summary>The deployment's id.</summary>
    public required string Id { get; init; }

    /// <summary>When it began (the version of the app it deploys).</summary>
    public required DateTimeOffset Version { get; init; }

    /// <summary>The apps it changes.</summary>
    public required IReadOnlyList<string> AffectedApps { get; init; }

    /// <summary>The pods it changes: never any here.</summary>
    public IReadOnlyList<string> AffectedPods { get; init; } = [];

    /// <summary>Its steps.</summary>
    public required IReadOnlyList<MarathonDeploymentStep> Steps { get; init; }

    /// <summary>The actions of the step under way.</summary>
    public required IReadOnlyList<MarathonDeploymentAction> CurrentActions { get; init; }

    /// <summary>The step under way, from 1.</summary>
    public required int CurrentStep { get; init; }

    /// <summary>How many steps there are.</summary>
    public required int TotalSteps { get; init; }
}
