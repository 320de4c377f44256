namespace Mesos.Orleans.Master.Leadership;

/// <summary>The master that leads, as its lease names it.</summary>
/// <param name="HolderId">The leader's id (new with every start of a master).</param>
/// <param name="Url">Where the leader serves the API, e.g. <c>http://10.0.0.5:5050</c> (its advertised address).</param>
/// <param name="Epoch">The leadership term: one more with every change of leader.</param>
public sealed record LeaderInfo(string HolderId, Uri Url, long Epoch)
{
    /// <summary>The leader's <c>host:port</c>, as Marathon's <c>/v2/leader</c> and Mesos' redirect give it.</summary>
    public string HostPort => $"{Url.Host}:{Url.Port}";
}
