using System.Diagnostics;
using Mesos.Orleans.Master.Leadership;
using Xunit;

namespace Mesos.Orleans.Master.Tests.Leadership;

/// <summary>A master run's lease holder id, and whether a later run on the same machine may judge it ended.</summary>
public sealed class MasterRunTests
{
    private static readonly MasterRun Run = new("3f2a", "boot-1:4026531836", 4242, 987654);

    [Fact]
    public void HolderId_NamesTheRunWhereAndAsWhichProcess_AndParsesBack()
    {
        Assert.Equal("3f2a@boot-1:4026531836/4242/987654", Run.HolderId);
        Assert.Equal(Run, MasterRun.Parse(Run.HolderId));
    }

    [Theory]
    [InlineData("a-1234abcd")]
    [InlineData("3f2a@boot/4242")]
    [InlineData("3f2a@boot/pid/1")]
    [InlineData("@boot/1/2")]
    public void Parse_OfAnotherFormat_IsNull(string holderId) => Assert.Null(MasterRun.Parse(holderId));

    [Fact]
    public void HasEndedOn_ItsMachine_WhenItsProcessIsGone() =>
        Assert.True(Run.HasEndedOn("boot-1:4026531836", (_, _) => false));

    [Fact]
    public void HasEndedOn_NotWhileItsProcessRuns() =>
        Assert.False(Run.HasEndedOn("boot-1:4026531836", (pid, start) => pid == 4242 && start == 987654));

    [Theory]
    [InlineData("boot-2:4026531836")] // another machine, or this one after a reboot
    [InlineData("boot-1:4026532000")] // another pid namespace: its pids are not ours
    public void HasEndedOn_AnotherMachine_CannotBeKnown(string machine) =>
        Assert.False(Run.HasEndedOn(machine, (_, _) => false));

    [Fact]
    public void HasEndedOn_AnUnknownMachine_CannotBeKnown() =>
        Assert.False((Run with { Machine = "" }).HasEndedOn("", (_, _) => false));

    [Fact]
    public void HasEnded_ThisProcess_IsFalse() => Assert.False(MasterRun.HasEnded(MasterRun.Current("me").HolderId));

    [Fact]
    public void HasEnded_ThisPidStartedAtAnotherTime_IsTrue()
    {
        var me = MasterRun.Current("me");

        Assert.True(MasterRun.HasEnded((me with { StartTime = me.StartTime + 1 }).HolderId)); // the pid taken again since
    }

    [Fact]
    public async Task HasEnded_AProcessThatExited_IsTrue()
    {
        using var child = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "exit 0"]))!;
        var run = MasterRun.Current("me") with { Pid = child.Id };
        await child.WaitForExitAsync();

        Assert.True(MasterRun.HasEnded(run.HolderId));
    }
}
