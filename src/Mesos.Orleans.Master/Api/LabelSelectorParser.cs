using System.Text;

namespace Mesos.Orleans.Master.Api;

/// <summary>Reads the terms of a <see cref="LabelSelector"/>, left to right, one character of look-ahead.</summary>
internal sealed class LabelSelectorParser(string text)
{
    private int _at;

    /// <summary>The terms as predicates; false with a reason when the text is malformed.</summary>
    public bool TryParse(out List<Func<IReadOnlyDictionary<string, string>, bool>> terms, out string? error)
    {
        terms = [];
        error = null;
        while (true)
        {
            var term = Term(out error);
            if (term is null)
            {
                return false;
            }

            terms.Add(term);
            SkipSpaces();
            if (_at == text.Length)
            {
                return true;
            }

            if (text[_at] != ',')
            {
                error = $"unexpected '{text[_at]}' at position {_at + 1}";
                return false;
            }

            _at++;
        }
    }

    private Func<IReadOnlyDictionary<string, string>, bool>? Term(out string? error)
    {
        error = null;
        SkipSpaces();
        var negated = Take('!');
        var key = Word();
        if (key.Length == 0)
        {
            error = _at == text.Length || text[_at] == ',' ? "empty term" : $"expected a label name at position {_at + 1}";
            return null;
        }

        if (negated)
        {
            return l => !l.ContainsKey(key);
        }

        SkipSpaces();
        if (Take('!'))
        {
            return Take('=') ? Value(key, equal: false, out error) : Fail($"expected '=' after '!' at position {_at + 1}", out error);
        }

        if (Take('='))
        {
            Take('=');
            return Value(key, equal: true, out error);
        }

        var start = _at;
        var word = Word();
        if (word is "in" or "notin")
        {
            return Set(key, word == "in", out error);
        }

        _at = start;
        return l => l.ContainsKey(key);
    }

    private Func<IReadOnlyDictionary<string, string>, bool>? Value(string key, bool equal, out string? error)
    {
        error = null;
        SkipSpaces();
        var value = Word();
        return equal
            ? l => l.TryGetValue(key, out var v) && v == value
            : l => !l.TryGetValue(key, out var v) || v != value;
    }

    private Func<IReadOnlyDictionary<string, string>, bool>? Set(string key, bool member, out string? error)
    {
        error = null;
        SkipSpaces();
        if (!Take('('))
        {
            return Fail($"expected '(' at position {_at + 1}", out error);
        }

        var values = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpaces();
            values.Add(Word());
            SkipSpaces();
            if (Take(')'))
            {
                break;
            }

            if (!Take(','))
            {
                return Fail($"expected ',' or ')' at position {_at + 1}", out error);
            }
        }

        return member
            ? l => l.TryGetValue(key, out var v) && values.Contains(v)
            : l => !l.TryGetValue(key, out var v) || !values.Contains(v);
    }

    // A name or value: everything up to a space or a character of the syntax, a backslash escaping the next one.
    private string Word()
    {
        var word = new StringBuilder();
        while (_at < text.Length && !char.IsWhiteSpace(text[_at]) && text[_at] is not (',' or '=' or '!' or '(' or ')'))
        {
            if (text[_at] == '\\' && _at + 1 < text.Length)
            {
                _at++;
            }

            word.Append(text[_at++]);
        }

        return word.ToString();
    }

    private bool Take(char c)
    {
        if (_at < text.Length && text[_at] == c)
        {
            _at++;
            return true;
        }

        return false;
    }

    private void SkipSpaces()
    {
        while (_at < text.Length && char.IsWhiteSpace(text[_at]))
        {
            _at++;
        }
    }

    private static Func<IReadOnlyDictionary<string, string>, bool>? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }
}
