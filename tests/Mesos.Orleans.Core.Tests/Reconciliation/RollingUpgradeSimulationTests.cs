using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Reconciliation;
using static Mesos.Orleans.Core.Tests.Support.Fleet;

namespace Mesos.Orleans.Core.Tests.Reconciliation;

/// <summary>
/// Drives the planner through whole rolling upgrades: each step plans, applies the plan (kills mark instances
/// stopping, launches add scheduled instances), checks Marathon's capacity bounds, then lets the world move on
/// (a stop ends, a scheduled instance runs healthy, each a given number of steps after it began).
/// </summary>
public class RollingUpgradeSimulationTests
{
    private const long OldGeneration = 1, NewGeneration = 2;

    public static TheoryData<int, double, double, int> Grid()
    {
        var data = new TheoryData<int, double, double, int>();
        foreach (var n in Enumerable.Range(1, 6))
        {
            foreach (var minimumHealth in new[] { 0, 0.5, 1 })
            {
                foreach (var overCapacity in new[] { 0, 0.5, 1 })
                {
                    foreach (var latency in new[] { 1, 2 })
                    {
                        data.Add(n, minimumHealth, overCapacity, latency);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void RollingUpgrade_KeepsCapacityBoundsAndConverges(int n, double minimumHealth, double overCapacity, int latency)
    {
        var simulation = new Simulation(n, minimumHealth, overCapacity, latency, oldInstances: n);

        simulation.RunToConvergence(maxSteps: MaxSteps(n, latency), assertCeilingAlways: true);
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void RollingUpgrade_WithAScaleDown_KeepsCapacityBoundsAndConverges(int n, double minimumHealth, double overCapacity, int latency)
    {
        var simulation = new Simulation(n, minimumHealth, overCapacity, latency, oldInstances: n + 3);

        simulation.RunToConvergence(maxSteps: MaxSteps(n + 3, latency), assertCeilingAlways: false);
    }

    [Fact]
    public void RollingUpgrade_OneByOne_TakesTheExpectedSteps()
    {
        // minimumHealthCapacity 1, maximumOverCapacity 0: one new instance at a time, each replacing an old one.
        var simulation = new Simulation(3, 1, 0, latency: 1, oldInstances: 3);

        var steps = simulation.RunToConvergence(maxSteps: 100, assertCeilingAlways: true);

        Assert.Equal(13, steps);
    }

    // A replacement takes at most: launch, schedule → run (latency), kill, stop (latency), plus one look each.
    private static int MaxSteps(int instances, int latency) => (instances + 1) * (2 * latency + 3);

    private sealed class Simulation(int n, double minimumHealth, double overCapacity, int latency, int oldInstances)
    {
        private readonly AppSpec _spec = Spec(n, minimumHealth, overCapacity);
        private readonly int _minHealthy = (int)Math.Ceiling(n * minimumHealth - 1e-9);
        private readonly List<(InstanceView View, int Since)> _instances =
            [.. Serving(oldInstances, OldGeneration, "old").Select(i => (i, 0))];

        private int _nextId;

        private int Ceiling
        {
            get
            {
                var ceiling = (int)Math.Floor(n * (1 + overCapacity) + 1e-9);
                return ceiling == _minHealthy ? ceiling + 1 : ceiling;
            }
        }

        /// <summary>Runs until the planner says the app is as declared; returns the steps it took.</summary>
        public int RunToConvergence(int maxSteps, bool assertCeilingAlways)
        {
            for (int step = 1; step <= maxSteps; step++)
            {
                var now = T0.AddSeconds(step);
                var plan = ReconcilePlanner.Plan(new ReconcileInput(_spec, NewGeneration, [.. _instances.Select(i => i.View)], LaunchDelay.None, now));
                var context = $"n={n} m={minimumHealth} M={overCapacity} latency={latency}, step {step}: {Describe()}; plan launch {plan.Launch}, kill [{string.Join(",", plan.Kill)}]";
                if (plan.Converged)
                {
                    var live = _instances.Where(i => i.View.IsLive).ToList();
                    Assert.Equal(n, live.Count);
                    Assert.All(live, i => Assert.True(i.View.ConfigGeneration == NewGeneration && i.View.IsHealthy && !i.View.StopRequested, context));
                    return step;
                }

                var liveBefore = Live;
                Apply(plan, step, now, context);
                Assert.True(Healthy >= _minHealthy, $"{context}: only {Healthy} healthy, at least {_minHealthy} must stay");

                // Launches never go above the ceiling; a scale-down may start above it, but never grows.
                var bound = assertCeilingAlways || plan.Launch > 0 ? Ceiling : Math.Max(Ceiling, liveBefore);
                Assert.True(Live <= bound, $"{context}: {Live} live, at most {bound} allowed");

                MoveOn(step, now);
            }

            Assert.Fail($"n={n} m={minimumHealth} M={overCapacity} latency={latency}: not converged after {maxSteps} steps: {Describe()}");
            return -1;
        }

        private int Live => _instances.Count(i => i.View.IsLive);

        private int Healthy => _instances.Count(i => i.View.IsHealthy && !i.View.StopRequested);

        private void Apply(ReconcilePlan plan, int step, DateTimeOffset now, string context)
        {
            _instances.RemoveAll(i => plan.Expunge.Contains(i.View.InstanceId));
            foreach (var id in plan.Kill)
            {
                var index = _instances.FindIndex(i => i.View.InstanceId == id);
                Assert.True(index >= 0 && _instances[index].View.IsLive && !_instances[index].View.StopRequested, $"{context}: killed {id} twice or after it ended");
                _instances[index] = (_instances[index].View with { StopRequested = true }, step);
            }

            for (int i = 0; i < plan.Launch; i++)
            {
                _instances.Add((new InstanceView($"new{++_nextId}", NewGeneration, InstancePhase.Scheduled, false, null, now, null), step));
            }
        }

        private void MoveOn(int step, DateTimeOffset now)
        {
            for (int i = 0; i < _instances.Count; i++)
            {
                var (view, since) = _instances[i];
                if (step - since < latency)
                {
                    continue;
                }

                if (view.StopRequested && view.IsLive)
                {
                    _instances[i] = (view with { Phase = InstancePhase.Terminal }, step);
                }
                else if (view.Phase == InstancePhase.Scheduled)
                {
                    _instances[i] = (view with { Phase = InstancePhase.Running, Healthy = true, StartedAt = now }, step);
                }
            }
        }

        private string Describe() => string.Join(" ", _instances.Select(i =>
            $"{i.View.InstanceId}:{i.View.Phase}{(i.View.StopRequested ? "/stopping" : "")}{(i.View.IsHealthy ? "/healthy" : "")}"));
    }
}
