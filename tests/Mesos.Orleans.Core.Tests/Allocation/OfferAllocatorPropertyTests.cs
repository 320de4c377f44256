using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Resources;
using static Mesos.Orleans.Core.Tests.Support.Cluster;

namespace Mesos.Orleans.Core.Tests.Allocation;

/// <summary>
/// Random sequences of allocator operations never break its books, and every cycle offers what a plain
/// recomputation (<see cref="OfferReferee"/>) says it must.
/// </summary>
public class OfferAllocatorPropertyTests
{
    private const int Operations = 4000;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void OfferAllocator_RandomOperations_KeepTotalsConsistent(int seed)
    {
        var run = new Run(seed);
        for (int step = 0; step < Operations; step++)
        {
            var operation = run.Step();
            run.AssertConsistent($"seed {seed}, step {step} after {operation}");
        }

        Assert.True(run.Accepted > 100, $"only {run.Accepted} offers were accepted: the run exercises too little");
    }

    private sealed class Run
    {
        private readonly Random _random;
        private readonly DrfSorter _sorter = new();
        private readonly List<string> _agentIds = [.. Enumerable.Range(0, 6).Select(i => $"a{i}")];
        private readonly List<string> _frameworkIds = ["f0", "f1", "f2"];
        private readonly List<(string Agent, string TaskId)> _tasks = [];
        private int _nextTask;
        private readonly OfferAllocator _allocator;
        private readonly OfferReferee _referee = new(new AllocatorOptions());
        private DateTimeOffset _now = T0;

        public Run(int seed)
        {
            _random = new Random(seed);
            _allocator = new OfferAllocator(_sorter);
        }

        public int Accepted { get; private set; }

        public string Step()
        {
            _now += TimeSpan.FromSeconds(_random.Next(0, 3));
            var agent = Pick(_agentIds);
            var framework = Pick(_frameworkIds);
            var offers = _allocator.OutstandingOffers.ToList();
            switch (_random.Next(100))
            {
                case < 8:
                    _referee.AgentRemoved(agent);
                    _allocator.AddAgent(Agent(agent, $"cpus:{_random.Next(1, 9)};mem:{_random.Next(1, 9) * 512};disk:100;ports:[{_random.Next(1, 5) * 1000}-{_random.Next(5, 9) * 1000}]"),
                        _random.Next(3) == 0 ? [Reported(agent, framework)] : null);
                    return $"AddAgent {agent}";
                case < 10:
                    _referee.AgentRemoved(agent);
                    _allocator.RemoveAgent(agent);
                    return $"RemoveAgent {agent}";
                case < 14:
                    _allocator.DeactivateAgent(agent);
                    return $"DeactivateAgent {agent}";
                case < 18:
                    _allocator.ActivateAgent(agent);
                    return $"ActivateAgent {agent}";
                case < 21:
                    var weight = _random.Next(1, 3);
                    _referee.FrameworkAdded(framework, weight);
                    _allocator.AddFramework(framework, weight);
                    return $"AddFramework {framework}";
                case < 22:
                    _referee.FrameworkRemoved(framework);
                    _allocator.RemoveFramework(framework);
                    return $"RemoveFramework {framework}";
                case < 25:
                    return IfKnown(framework, () => { _referee.Suppressed(framework); _allocator.Suppress(framework); }, "Suppress");
                case < 30:
                    return IfKnown(framework, () => { _referee.Revived(framework); _allocator.Revive(framework); }, "Revive");
                case < 50:
                    var before = _referee.Observe(_allocator, _sorter, _agentIds);
                    var made = _allocator.Allocate(_now);
                    _referee.Check(before, made, _now, $"cycle at {_now:T}");
                    return $"Allocate ({made.Count} offers)";
                case < 70 when offers.Count > 0:
                    return Accept(Pick(offers));
                case < 80 when offers.Count > 0:
                    var declined = Pick(offers);
                    var refuseFor = TimeSpan.FromSeconds(_random.Next(0, 30));
                    if (refuseFor > TimeSpan.Zero)
                    {
                        _referee.Refused(declined, declined.Resources, _now + refuseFor);
                    }

                    _allocator.Decline(declined.OfferId, _now, refuseFor);
                    return $"Decline {declined.OfferId}";
                case < 83 when offers.Count > 0:
                    _allocator.Rescind(Pick(offers).OfferId);
                    return "Rescind";
                case < 97 when _tasks.Count > 0:
                    var task = Pick(_tasks);
                    if (_random.Next(4) > 0)
                    {
                        _tasks.Remove(task); // else: recovered again later, as a duplicate status update would
                    }

                    _allocator.Recover(task.Agent, task.TaskId);
                    return $"Recover {task.TaskId} on {task.Agent}";
                default:
                    _allocator.Recover(agent, $"t{_random.Next(0, _nextTask + 1)}");
                    return $"Recover some task on {agent}";
            }
        }

        public void AssertConsistent(string context)
        {
            var totals = _allocator.Totals;
            Assert.True(totals.Total.Contains(totals.Used + totals.Offered), $"{context}: used {totals.Used} + offered {totals.Offered} exceed total {totals.Total}");
            Assert.Equal(totals.Total, totals.Used + totals.Offered + totals.Free);

            var agents = _agentIds.Select(_allocator.AgentResources).OfType<(ResourceSet Total, ResourceSet Used, ResourceSet Offered, bool Active)>().ToList();
            Assert.Equal(agents.Count, _allocator.AgentCount);
            foreach (var (total, used, offered, _) in agents)
            {
                Assert.True(total.Contains(used + offered), $"{context}: an agent is over-committed: used {used} + offered {offered} > {total}");
            }

            foreach (var agentId in _agentIds.Where(a => _allocator.AgentResources(a) is not null))
            {
                var held = _allocator.TasksOn(agentId).Aggregate(ResourceSet.Empty, (sum, t) => sum + t.Resources);
                Assert.True(held == _allocator.AgentResources(agentId)!.Value.Used, $"{context}: {agentId} uses {_allocator.AgentResources(agentId)!.Value.Used}, its tasks hold {held}");
            }

            var active = agents.Where(a => a.Active).ToList();
            Assert.Equal(Sum(active.Select(a => a.Total)), totals.Total);
            Assert.Equal(Sum(active.Select(a => a.Used)), totals.Used);
            Assert.Equal(Sum(active.Select(a => a.Offered)), totals.Offered);
            Assert.Equal(totals.Offered, Sum(_allocator.OutstandingOffers.Select(o => o.Resources)));
            Assert.True(_allocator.OfferableAgentCount <= active.Count, $"{context}: {_allocator.OfferableAgentCount} offerable of {active.Count} active agents");
            foreach (var framework in _frameworkIds.Where(_sorter.Contains))
            {
                var offered = Sum(_allocator.OutstandingOffers.Where(o => o.FrameworkId == framework).Select(o => o.Resources));
                Assert.True(_sorter.AllocationOf(framework).Contains(offered), $"{context}: {framework}'s allocation lacks its offers");
            }
        }

        private string Accept(Offer offer)
        {
            var scale = _random.NextDouble();
            var ports = offer.Resources.Ports.TakeLowest(_random.Next(0, 3));
            var used = new ResourceSet(offer.Resources.Cpus * scale, offer.Resources.Mem * scale, offer.Resources.Disk * scale, 0, ports is null ? null : RangeSet.OfValues(ports));
            used = new ResourceSet(Math.Min(used.Cpus, offer.Resources.Cpus), Math.Min(used.Mem, offer.Resources.Mem), Math.Min(used.Disk, offer.Resources.Disk), 0, used.Ports);
            var refuse = _random.Next(2) == 0 ? (TimeSpan?)null : TimeSpan.FromSeconds(_random.Next(1, 20));
            if (refuse is { } until && !(offer.Resources - used).IsEmpty)
            {
                _referee.Refused(offer, offer.Resources - used, _now + until);
            }

            var taskId = $"t{_nextTask++}";
            Assert.True(_allocator.Accept(offer.OfferId, [new TaskHold(taskId, offer.FrameworkId, used)], _now, refuse));
            _tasks.Add((offer.AgentId, taskId));
            Accepted++;
            return $"Accept {used} of {offer.OfferId}";
        }

        private string IfKnown(string framework, Action action, string name)
        {
            if (!_sorter.Contains(framework))
            {
                return $"{name} {framework} (unknown, skipped)";
            }

            action();
            return $"{name} {framework}";
        }

        // A task an agent reports when it registers (again): a new one, or one it was offered for earlier.
        private TaskHold Reported(string agent, string framework)
        {
            var earlier = _tasks.Where(t => t.Agent == agent).ToList();
            if (earlier.Count > 0 && _random.Next(2) == 0)
            {
                return new TaskHold(Pick(earlier).TaskId, framework, new ResourceSet(_random.NextDouble(), _random.Next(0, 512)));
            }

            var taskId = $"t{_nextTask++}";
            _tasks.Add((agent, taskId));
            return new TaskHold(taskId, framework, new ResourceSet(_random.NextDouble() * 4, _random.Next(0, 4096)));
        }

        private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

        // Cluster-wide sums hold scalars only: ports belong to one agent each.
        private static ResourceSet Sum(IEnumerable<ResourceSet> sets) => sets.Aggregate(ResourceSet.Empty, (a, b) => a + b.WithoutPorts());
    }
}
