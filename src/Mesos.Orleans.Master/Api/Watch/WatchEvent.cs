namespace Mesos.Orleans.Master.Api.Watch;

/// <summary>One line of a watch, as Kubernetes writes it: <c>{"type": "ADDED", "object": {…}}</c>.</summary>
/// <param name="Type"><c>ADDED</c>, <c>MODIFIED</c>, <c>DELETED</c>, or <c>ERROR</c> (then the object is the error).</param>
/// <param name="Object">The object as it is now (as it was last, for DELETED).</param>
internal sealed record WatchEvent(string Type, object Object)
{
    /// <summary>The event types.</summary>
    public const string Added = "ADDED", Modified = "MODIFIED", Deleted = "DELETED", Error = "ERROR";
}
