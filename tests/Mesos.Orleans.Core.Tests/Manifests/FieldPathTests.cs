using Mesos.Orleans.Core.Manifests;

namespace Mesos.Orleans.Core.Tests.Manifests;

public class FieldPathTests
{
    private static readonly FieldPath PortName = FieldPath.Of("spec").Property("portDefinitions").Index(0).Property("name");

    [Fact]
    public void FieldPath_RendersDottedAndMarathonForms()
    {
        Assert.Equal("spec.portDefinitions[0].name", PortName.ToString());
        Assert.Equal("/spec/portDefinitions(0)/name", PortName.ToMarathon());
        Assert.Equal("/portDefinitions(0)/name", PortName.Skip(1).ToMarathon());
        Assert.Equal("", FieldPath.Root.ToString());
        Assert.Equal("/", FieldPath.Root.ToMarathon());
        Assert.Equal("[2].a", FieldPath.Of(2, "a").ToString());
    }

    [Fact]
    public void FieldPath_EqualityAndPrefixes()
    {
        Assert.Equal(FieldPath.Of("spec", "portDefinitions", 0, "name"), PortName);
        Assert.Equal(FieldPath.Of("spec", "portDefinitions", 0, "name").GetHashCode(), PortName.GetHashCode());
        Assert.NotEqual(FieldPath.Of("spec", "portDefinitions", "0", "name"), PortName);
        Assert.True(PortName.StartsWith(FieldPath.Of("spec", "portDefinitions")));
        Assert.True(PortName.StartsWith(FieldPath.Root));
        Assert.True(PortName.StartsWith(PortName));
        Assert.False(PortName.StartsWith(FieldPath.Of("spec", "portDefinitions", 1)));
        Assert.False(FieldPath.Of("spec").StartsWith(PortName));
        Assert.Equal(PortName, FieldPath.Of("portDefinitions", 0, "name").Under(FieldPath.Of("spec")));
    }

    [Fact]
    public void FieldError_ShowsPathAndMessage()
    {
        Assert.Equal("spec.cpus: must be a number", new FieldError(FieldPath.Of("spec", "cpus"), "must be a number").ToString());
        Assert.Equal("not an object", new FieldError(FieldPath.Root, "not an object").ToString());
    }

    [Fact]
    public void ValidationErrors_ByPath_GroupsMessagesOncePerPath()
    {
        var errors = new ValidationErrors();
        errors.Add(FieldPath.Of("cpus"), "a");
        errors.Add(FieldPath.Of("mem"), "b");
        errors.Add(FieldPath.Of("cpus"), "c");
        errors.Add(FieldPath.Of("cpus"), "a");

        var grouped = errors.ByPath();

        Assert.Equal(["cpus", "mem"], grouped.Select(g => g.Path.ToString()));
        Assert.Equal(["a", "c"], grouped[0].Errors);
        Assert.Equal(4, errors.All.Count);
        Assert.False(errors.IsEmpty);
    }
}
