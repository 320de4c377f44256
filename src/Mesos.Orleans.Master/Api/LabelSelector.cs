namespace Mesos.Orleans.Master.Api;

/// <summary>
/// A label selector, as Kubernetes and Marathon write them: existence (<c>canary</c>, <c>!legacy</c>), equality
/// (<c>team=web</c>, <c>team==web</c>, <c>tier!=db</c>) and sets (<c>env in (stage, prod)</c>,
/// <c>tier notin (db)</c>), joined by commas; every term must hold. As in Marathon, a backslash takes the next
/// character literally (<c>note==a\ b</c>).
/// </summary>
public sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _terms;

    private LabelSelector(List<Func<IReadOnlyDictionary<string, string>, bool>> terms) => _terms = terms;

    /// <summary>Selects everything.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>Parses a selector; false with a reason when it is malformed.</summary>
    public static bool TryParse(string? text, out LabelSelector selector, out string? error)
    {
        selector = Everything;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parser = new LabelSelectorParser(text);
        if (!parser.TryParse(out var terms, out error))
        {
            return false;
        }

        selector = new LabelSelector(terms);
        return true;
    }

    /// <summary>True when every term holds for <paramref name="labels"/>.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) => _terms.All(t => t(labels));
}
