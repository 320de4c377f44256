namespace Mesos.Orleans.Core.Manifests;

/// <summary>Collects every problem found, so a user sees all of them at once rather than one per attempt.</summary>
public sealed class ValidationErrors
{
    private readonly List<FieldError> _errors = [];

    /// <summary>The problems, in the order found.</summary>
    public IReadOnlyList<FieldError> All => _errors;

    /// <summary>True when nothing is wrong.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Records a problem.</summary>
    public void Add(FieldPath path, string message) => _errors.Add(new FieldError(path, message));

    /// <summary>Records problems found elsewhere.</summary>
    public void AddRange(IEnumerable<FieldError> errors) => _errors.AddRange(errors);

    /// <summary>
    /// The problems grouped by path, in Marathon's shape: each path once with all its messages.
    /// </summary>
    public IReadOnlyList<(FieldPath Path, IReadOnlyList<string> Errors)> ByPath() =>
        _errors.GroupBy(e => e.Path)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(e => e.Message).Distinct().ToList()))
            .ToList();
}
