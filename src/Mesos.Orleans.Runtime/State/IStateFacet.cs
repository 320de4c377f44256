using Mesos.Orleans.Runtime.Storage;

namespace Mesos.Orleans.Runtime.State;

/// <summary>The runtime's side of a state facet: load it, list its pending writes, take their outcomes.</summary>
internal interface IStateFacet : IPersistentFacet
{
    /// <summary>Loads the stored state: from <paramref name="preloaded"/> when given (read ahead), else from the store.</summary>
    Task LoadAsync(PreloadedRows? preloaded, CancellationToken cancellationToken);

    IReadOnlyList<StateWrite> PendingWrites();

    /// <summary>Takes the outcomes of <see cref="PendingWrites"/>, in order; returns false on any conflict.</summary>
    bool Apply(IReadOnlyList<StateWrite> writes, IReadOnlyList<WriteOutcome> outcomes);
}
