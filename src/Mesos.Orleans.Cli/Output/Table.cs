namespace Mesos.Orleans.Cli.Output;

/// <summary>Columns aligned with spaces and no borders, as kubectl prints them: easy to read and to grep.</summary>
internal sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void Write(TextWriter output)
    {
        if (_rows.Count == 0)
        {
            return;
        }

        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        WriteRow(output, headers, widths);
        _rows.ForEach(r => WriteRow(output, r, widths));
    }

    private static void WriteRow(TextWriter output, string[] cells, int[] widths)
    {
        var padded = cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]));
        output.WriteLine(string.Join("   ", padded).TrimEnd());
    }
}
