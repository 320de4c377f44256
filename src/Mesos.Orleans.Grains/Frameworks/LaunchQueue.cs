using Mesos.Orleans.Contracts.Grains;

namespace Mesos.Orleans.Grains.Frameworks;

/// <summary>
/// The instances waiting for offers, first come first placed, by instance id. Taking one out is O(1) whatever its
/// place (an OrderedDictionary's Remove shifts everything after it, which made placing a large queue quadratic).
/// </summary>
internal sealed class LaunchQueue
{
    private readonly LinkedList<AppLaunch> _order = new();
    private readonly Dictionary<string, LinkedListNode<AppLaunch>> _byInstance = new(StringComparer.Ordinal);

    public int Count => _byInstance.Count;

    /// <summary>The waiting launches, oldest first.</summary>
    public IEnumerable<AppLaunch> Values => _order;

    public AppLaunch this[string instanceId] => _byInstance[instanceId].Value;

    public bool ContainsKey(string instanceId) => _byInstance.ContainsKey(instanceId);

    /// <summary>Queues a launch; one asked for again keeps its place and takes the new request.</summary>
    public void Set(AppLaunch launch)
    {
        var instanceId = launch.Request.InstanceId;
        if (_byInstance.TryGetValue(instanceId, out var node))
        {
            node.Value = launch;
            return;
        }

        _byInstance[instanceId] = _order.AddLast(launch);
    }

    public bool Remove(string instanceId)
    {
        if (!_byInstance.Remove(instanceId, out var node))
        {
            return false;
        }

        _order.Remove(node);
        return true;
    }
}
