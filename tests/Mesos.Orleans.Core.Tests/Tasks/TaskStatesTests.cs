using Mesos.Orleans.Core.Tasks;

namespace Mesos.Orleans.Core.Tests.Tasks;

public class TaskStatesTests
{
    private static readonly TaskState[] All = Enum.GetValues<TaskState>();

    private static readonly TaskState[] Terminal =
    [
        TaskState.Finished, TaskState.Failed, TaskState.Killed, TaskState.Error,
        TaskState.Lost, TaskState.Dropped, TaskState.Gone, TaskState.GoneByOperator,
    ];

    [Fact]
    public void TaskStates_IsTerminal_ExactlyTheFinalStates() =>
        Assert.Equal(Terminal, All.Where(s => s.IsTerminal()));

    [Fact]
    public void TaskStates_IsActive_StatesThatHoldResources() =>
        Assert.Equal([TaskState.Staging, TaskState.Starting, TaskState.Running, TaskState.Killing], All.Where(s => s.IsActive()));

    [Fact]
    public void TaskStates_TerminalIsFinal()
    {
        foreach (var from in Terminal)
        {
            Assert.All(All, to => Assert.False(TaskStates.CanTransition(from, to), $"{from} -> {to} must be refused"));
        }
    }

    [Fact]
    public void TaskStates_NothingGoesBackToStaging() =>
        Assert.All(All, from => Assert.False(TaskStates.CanTransition(from, TaskState.Staging), $"{from} -> STAGING must be refused"));

    [Theory]
    [InlineData(TaskState.Running, TaskState.Starting, false)]
    [InlineData(TaskState.Killing, TaskState.Starting, false)]
    [InlineData(TaskState.Unreachable, TaskState.Starting, false)]
    [InlineData(TaskState.Running, TaskState.Unknown, false)]
    [InlineData(TaskState.Staging, TaskState.Starting, true)]
    [InlineData(TaskState.Staging, TaskState.Running, true)]
    [InlineData(TaskState.Staging, TaskState.Failed, true)]
    [InlineData(TaskState.Starting, TaskState.Running, true)]
    [InlineData(TaskState.Running, TaskState.Killing, true)]
    [InlineData(TaskState.Killing, TaskState.Killed, true)]
    [InlineData(TaskState.Running, TaskState.Finished, true)]
    [InlineData(TaskState.Running, TaskState.Unreachable, true)]
    [InlineData(TaskState.Unreachable, TaskState.Running, true)]
    [InlineData(TaskState.Unreachable, TaskState.Gone, true)]
    [InlineData(TaskState.Unknown, TaskState.Starting, true)]
    [InlineData(TaskState.Staging, TaskState.Dropped, true)]
    [InlineData(TaskState.Running, TaskState.Dropped, false)]
    [InlineData(TaskState.Unreachable, TaskState.Dropped, false)]
    public void TaskStates_CanTransition(TaskState from, TaskState to, bool expected) =>
        Assert.Equal(expected, TaskStates.CanTransition(from, to));

    [Theory]
    [InlineData(TaskState.Staging, "TASK_STAGING", "STAGING")]
    [InlineData(TaskState.Running, "TASK_RUNNING", "RUNNING")]
    [InlineData(TaskState.GoneByOperator, "TASK_GONE_BY_OPERATOR", "GONE_BY_OPERATOR")]
    [InlineData(TaskState.Unknown, "TASK_UNKNOWN", "UNKNOWN")]
    public void TaskStates_WireAndShortNames(TaskState state, string wire, string shortName)
    {
        Assert.Equal(wire, state.WireName());
        Assert.Equal(shortName, state.ShortName());
    }

    [Fact]
    public void TaskStates_EveryStateHasADistinctWireName() =>
        Assert.Equal(All.Length, All.Select(s => s.WireName()).Distinct().Count());

    [Theory]
    [InlineData("TASK_RUNNING", TaskState.Running)]
    [InlineData("RUNNING", TaskState.Running)]
    [InlineData("running", TaskState.Running)]
    [InlineData("task_killed", TaskState.Killed)]
    [InlineData("GONE_BY_OPERATOR", TaskState.GoneByOperator)]
    public void TaskStates_TryParse_WireOrShortNameIgnoringCase(string text, TaskState expected)
    {
        Assert.True(TaskStates.TryParse(text, out var state));
        Assert.Equal(expected, state);
    }

    [Theory]
    [InlineData("")]
    [InlineData("TASK_")]
    [InlineData("bogus")]
    [InlineData("TASK_TASK_RUNNING")]
    public void TaskStates_TryParse_RejectsUnknownNames(string text) =>
        Assert.False(TaskStates.TryParse(text, out _));

    [Fact]
    public void TaskStates_TryParse_RoundTripsEveryState() =>
        Assert.All(All, s => Assert.True(TaskStates.TryParse(s.WireName(), out var back) && back == s, s.ToString()));
}
