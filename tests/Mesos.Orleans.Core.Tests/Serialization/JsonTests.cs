using System.Text.Json;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Core.Serialization;
using Mesos.Orleans.Core.Tasks;

namespace Mesos.Orleans.Core.Tests.Serialization;

public class JsonTests
{
    private static string Write<T>(T value) => JsonSerializer.Serialize(value, Json.Options);

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Json.Options)!;

    [Fact]
    public void Json_TaskStates_RoundTripByWireName() =>
        Assert.All(Enum.GetValues<TaskState>(), state =>
        {
            Assert.Equal($"\"{state.WireName()}\"", Write(state));
            Assert.Equal(state, Read<TaskState>(Write(state)));
        });

    [Theory]
    [InlineData(KillSelection.YoungestFirst, "\"YOUNGEST_FIRST\"")]
    [InlineData(KillSelection.OldestFirst, "\"OLDEST_FIRST\"")]
    public void Json_KillSelection_RoundTripsByWireName(KillSelection selection, string json)
    {
        Assert.Equal(json, Write(selection));
        Assert.Equal(selection, Read<KillSelection>(json));
    }

    [Fact]
    public void Json_RangeSet_IsMesosText()
    {
        var set = RangeSet.Parse("[31000-32000, 8080-8080]");

        Assert.Equal("\"[8080-8080, 31000-32000]\"", Write(set));
        Assert.Equal(set, Read<RangeSet>(Write(set)));
        Assert.Throws<JsonException>(() => Read<RangeSet>("\"5-1\""));
        Assert.Throws<JsonException>(() => Read<RangeSet>("31000"));
        Assert.Throws<JsonException>(() => Read<ResourceSet>("{\"ports\": [31000]}"));
    }

    [Fact]
    public void Json_ResourceSet_RoundTrips()
    {
        var resources = ResourceSet.Parse("cpus:0.5;mem:256;disk:10;gpus:1;ports:[31000-31002]");

        var json = Write(resources);

        Assert.Equal("{\"cpus\":0.5,\"mem\":256,\"disk\":10,\"gpus\":1,\"ports\":\"[31000-31002]\"}", json);
        Assert.Equal(resources, Read<ResourceSet>(json));
        Assert.Equal(ResourceSet.Parse("cpus:1"), Read<ResourceSet>("{\"cpus\":1}"));
    }

    [Fact]
    public void Json_Bytes_RoundTripAndRejectNull()
    {
        var state = new[] { TaskState.Running, TaskState.Killed };

        Assert.Equal(state, Json.FromBytes<TaskState[]>(Json.ToBytes(state)));
        Assert.Throws<JsonException>(() => Json.FromBytes<TaskState[]>("null"u8));
    }
}
