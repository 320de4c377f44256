using System.Diagnostics;

namespace Mesos.Orleans.Telemetry.Tracing;

/// <summary>
/// Starting spans whose parent is not the activity current here: one named by a W3C <c>traceparent</c> carried
/// in a message or a stored record, or none (a new trace, optionally linked to the one it follows from). Every
/// method returns null at once when nobody listens to the source.
/// </summary>
public static class Traces
{
    /// <summary>The W3C <c>traceparent</c> of <paramref name="activity"/>, to carry in a message or store; null without one.</summary>
    public static string? Context(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C } ? activity.Id : null;

    /// <summary>The W3C <c>traceparent</c> of the current activity, if any.</summary>
    public static string? Current => Context(Activity.Current);

    /// <summary>The context a <c>traceparent</c> names; default when null or malformed.</summary>
    public static ActivityContext Parse(string? traceparent) =>
        traceparent is not null && ActivityContext.TryParse(traceparent, null, isRemote: true, out var context) ? context : default;

    /// <summary>
    /// A span under <paramref name="parent"/> (a <c>traceparent</c>); without one, under the current activity.
    /// </summary>
    public static Activity? StartChild(ActivitySource source, string name, string? parent, ActivityKind kind = ActivityKind.Internal)
    {
        if (!source.HasListeners())
        {
            return null;
        }

        var context = Parse(parent);
        return context == default ? source.StartActivity(name, kind) : source.StartActivity(name, kind, context);
    }

    /// <summary>
    /// A span under <paramref name="parent"/>, or when it is default the root of a new trace — never a child of
    /// whatever activity happens to be current (a timer's, a background loop's) — linked to <paramref name="follows"/>.
    /// </summary>
    public static Activity? Start(ActivitySource source, string name, ActivityContext parent, ActivityContext follows = default,
        ActivityKind kind = ActivityKind.Internal)
    {
        if (!source.HasListeners())
        {
            return null;
        }

        ActivityLink[]? links = follows == default ? null : [new ActivityLink(follows)];
        if (parent == default)
        {
            Activity.Current = null;
        }

        return source.StartActivity(kind, parent, tags: null, links, name: name);
    }
}
