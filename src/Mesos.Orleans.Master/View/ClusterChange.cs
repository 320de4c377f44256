namespace Mesos.Orleans.Master.View;

/// <summary>
/// One change of the read model: an object's snapshot before and after. <c>Previous</c> is null for an object the
/// view had not seen; <c>Current</c> is null for an object that is gone.
/// </summary>
public abstract record ClusterChange;
