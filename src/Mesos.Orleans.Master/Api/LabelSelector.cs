namespace Mesos.Orleans.Master.Api;

/// <summary>
/// Kubernetes' equality-based label selector: <c>team=web,tier!=db,canary,!legacy</c>. Every term must hold.
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

        var terms = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var term = raw;
            if (term.Length == 0)
            {
                error = "empty term";
                return false;
            }

            if (term.Contains("!=", StringComparison.Ordinal))
            {
                var (key, value) = Split(term, "!=");
                terms.Add(l => !l.TryGetValue(key, out var v) || v != value);
            }
            else if (term.Contains('=', StringComparison.Ordinal))
            {
                var (key, value) = Split(term, term.Contains("==", StringComparison.Ordinal) ? "==" : "=");
                terms.Add(l => l.TryGetValue(key, out var v) && v == value);
            }
            else if (term.StartsWith('!'))
            {
                var key = term[1..];
                terms.Add(l => !l.ContainsKey(key));
            }
            else
            {
                terms.Add(l => l.ContainsKey(term));
            }
        }

        selector = new LabelSelector(terms);
        return true;

        static (string, string) Split(string term, string op)
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            return (term[..at].Trim(), term[(at + op.Length)..].Trim());
        }
    }

    /// <summary>True when every term holds for <paramref name="labels"/>.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) => _terms.All(t => t(labels));
}
