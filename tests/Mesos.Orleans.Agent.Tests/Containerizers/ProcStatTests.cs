using Mesos.Orleans.Agent.Containerizers.Processes;
using Xunit;

namespace Mesos.Orleans.Agent.Tests.Containerizers;

/// <summary>Parsing /proc/&lt;pid&gt;/stat, whose command name may hold spaces and parentheses.</summary>
public sealed class ProcStatTests
{
    [Fact]
    public void ProcStat_ParsesFieldsAfterCommandNameWithSpacesAndParentheses()
    {
        const string line = "4242 (we ird) (name)) S 1 4242 4242 0 -1 4194560 120 0 0 0 1 2 0 0 20 0 1 0 987654 2232320 150 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

        Assert.True(ProcStat.TryParse(line, out var stat));

        Assert.Equal(new ProcStat('S', 1, 4242, 4242, 987654), stat);
        Assert.True(stat.IsAlive);
    }

    [Fact]
    public void ProcStat_TreatsZombieAsEnded()
    {
        const string line = "7 (sleep) Z 1 7 7 0 -1 4194560 120 0 0 0 1 2 0 0 20 0 1 0 55 0 0 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

        Assert.True(ProcStat.TryParse(line, out var stat));

        Assert.False(stat.IsAlive);
        Assert.Equal(55UL, stat.StartTime);
    }

    [Fact]
    public void ProcStat_RejectsTruncatedLine()
    {
        Assert.False(ProcStat.TryParse("7 (sleep) S 1 7", out _));
    }

    [Fact]
    public void ProcStat_ReadsThisProcess()
    {
        Assert.True(ProcStat.TryRead(Environment.ProcessId, out var stat));

        Assert.True(stat.IsAlive);
        Assert.True(stat.StartTime > 0);
        Assert.True(ProcStat.IsSameLiveProcess(Environment.ProcessId, stat.StartTime));
        Assert.False(ProcStat.IsSameLiveProcess(Environment.ProcessId, stat.StartTime + 1));
    }
}
