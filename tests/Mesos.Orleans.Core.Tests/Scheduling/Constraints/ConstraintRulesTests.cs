using Mesos.Orleans.Core.Manifests;
using Mesos.Orleans.Core.Scheduling.Constraints;
using static Mesos.Orleans.Core.Tests.Support.ConstraintTesting;

namespace Mesos.Orleans.Core.Tests.Scheduling.Constraints;

public class ConstraintRulesTests
{
    private static readonly string[] Valid = ["hostname", "UNIQUE"];

    [Theory]
    [InlineData("[hostname, UNIQUE]", typeof(UniqueRule), "hostname", "UNIQUE")]
    [InlineData("[@hostname, UNIQUE]", typeof(UniqueRule), "@hostname", "UNIQUE")]
    [InlineData("[rack, CLUSTER]", typeof(ClusterRule), "rack", "CLUSTER")]
    [InlineData("[rack, CLUSTER, r1]", typeof(ClusterRule), "rack", "CLUSTER", "r1")]
    [InlineData("[rack, GROUP_BY]", typeof(GroupByRule), "rack", "GROUP_BY")]
    [InlineData("[rack, GROUP_BY, 3]", typeof(GroupByRule), "rack", "GROUP_BY", "3")]
    [InlineData("[rack, LIKE, r[12]]", typeof(LikeRule), "rack", "LIKE", "r[12]")]
    [InlineData("[rack, UNLIKE, r3|r4]", typeof(UnlikeRule), "rack", "UNLIKE", "r3|r4")]
    [InlineData("[rack, MAX_PER, 2]", typeof(MaxPerRule), "rack", "MAX_PER", "2")]
    [InlineData("[rack, IS, r1]", typeof(IsRule), "rack", "IS", "r1")]
    public void TryParse_ValidConstraint_GivesItsRule(string written, Type rule, params string[] parts)
    {
        Assert.Empty(Errors(parts));

        var constraint = Constraint(parts);

        Assert.Equal((parts[0], parts[1], parts.ElementAtOrDefault(2)), (constraint.Field, constraint.Operator, constraint.Value));
        Assert.IsType(rule, constraint.Rule);
        Assert.Equal(written, constraint.ToString());
    }

    [Theory]
    [InlineData("spec.constraints[1]", "a constraint is [field, OPERATOR] or [field, OPERATOR, value], not 1 item", "hostname")]
    [InlineData("spec.constraints[1]", "a constraint is [field, OPERATOR] or [field, OPERATOR, value], not 0 items")]
    [InlineData("spec.constraints[1]", "a constraint is [field, OPERATOR] or [field, OPERATOR, value], not 4 items", "rack", "GROUP_BY", "3", "x")]
    [InlineData("spec.constraints[1][0]", "the field must not be empty (hostname, or an agent attribute)", "", "UNIQUE")]
    [InlineData("spec.constraints[1][0]", "the field must not be empty (hostname, or an agent attribute)", " ", "UNIQUE")]
    [InlineData("spec.constraints[1][1]", "unknown operator 'UNIQUES' (known: UNIQUE, CLUSTER, GROUP_BY, LIKE, UNLIKE, MAX_PER, IS)", "hostname", "UNIQUES")]
    [InlineData("spec.constraints[1][1]", "unknown operator 'unique' (known: UNIQUE, CLUSTER, GROUP_BY, LIKE, UNLIKE, MAX_PER, IS)", "hostname", "unique")]
    [InlineData("spec.constraints[1][1]", "unknown operator 'NEAR' (known: UNIQUE, CLUSTER, GROUP_BY, LIKE, UNLIKE, MAX_PER, IS)", "rack", "NEAR", "r1")]
    [InlineData("spec.constraints[1][2]", "UNIQUE takes no value", "hostname", "UNIQUE", "x")]
    [InlineData("spec.constraints[1][2]", "UNIQUE takes no value", "hostname", "UNIQUE", "")]
    [InlineData("spec.constraints[1][1]", "LIKE needs a regular expression", "rack", "LIKE")]
    [InlineData("spec.constraints[1][1]", "UNLIKE needs a regular expression", "rack", "UNLIKE")]
    [InlineData("spec.constraints[1][1]", "MAX_PER needs a number of instances (1 or more), not 'nothing'", "rack", "MAX_PER")]
    [InlineData("spec.constraints[1][2]", "MAX_PER needs a number of instances (1 or more), not '0'", "rack", "MAX_PER", "0")]
    [InlineData("spec.constraints[1][2]", "MAX_PER needs a number of instances (1 or more), not '-1'", "rack", "MAX_PER", "-1")]
    [InlineData("spec.constraints[1][2]", "MAX_PER needs a number of instances (1 or more), not 'two'", "rack", "MAX_PER", "two")]
    [InlineData("spec.constraints[1][2]", "MAX_PER needs a number of instances (1 or more), not '1.5'", "rack", "MAX_PER", "1.5")]
    [InlineData("spec.constraints[1][2]", "MAX_PER needs a number of instances (1 or more), not ' 2'", "rack", "MAX_PER", " 2")]
    [InlineData("spec.constraints[1][2]", "GROUP_BY's value is a number of groups (1 or more), not '0'", "rack", "GROUP_BY", "0")]
    [InlineData("spec.constraints[1][2]", "GROUP_BY's value is a number of groups (1 or more), not '-3'", "rack", "GROUP_BY", "-3")]
    [InlineData("spec.constraints[1][2]", "GROUP_BY's value is a number of groups (1 or more), not 'three'", "rack", "GROUP_BY", "three")]
    [InlineData("spec.constraints[1][2]", "GROUP_BY's value is a number of groups (1 or more), not ''", "rack", "GROUP_BY", "")]
    [InlineData("spec.constraints[1][1]", "IS needs a value", "rack", "IS")]
    public void ParseAll_MalformedConstraint_IsReportedWithItsPath(string path, string message, params string[] parts)
    {
        var error = Assert.Single(Errors(Valid, parts));

        Assert.Equal((path, message), (error.Path.ToString(), error.Message));
    }

    [Theory]
    [InlineData("LIKE", "[a-")]
    [InlineData("LIKE", "(r1")]
    [InlineData("UNLIKE", "*")]
    [InlineData("UNLIKE", "r1)|(r2")]
    public void ParseAll_InvalidRegex_IsReportedAtTheValue(string op, string regex)
    {
        var error = Assert.Single(Errors(Valid, ["rack", op, regex]));

        Assert.Equal("spec.constraints[1][2]", error.Path.ToString());
        Assert.StartsWith($"'{regex}' is not a valid regular expression: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseAll_ReportsEveryMalformedConstraint_AndParsesTheRest()
    {
        var errors = new ValidationErrors();

        var parsed = ConstraintRules.ParseAll([["rack", "NEAR"], Valid, ["rack", "MAX_PER", "0"], ["rack", "IS", "r1"], ["x"]], FieldPath.Of("constraints"), errors);

        Assert.Equal(["constraints[0][1]", "constraints[2][2]", "constraints[4]"], errors.All.Select(e => e.Path.ToString()));
        Assert.Equal(["[hostname, UNIQUE]", "[rack, IS, r1]"], parsed.Select(c => c.ToString()));
    }

    [Fact]
    public void ParseAll_NoConstraints_IsValid()
    {
        Assert.Empty(Errors());
        Assert.Empty(ConstraintRules.Parse(null));
    }

    [Fact]
    public void Parse_InvalidStoredConstraint_Throws()
    {
        var e = Assert.Throws<FormatException>(() => ConstraintRules.Parse([Valid, ["rack", "MAX_PER", "0"]]));

        Assert.Equal("[1][2]: MAX_PER needs a number of instances (1 or more), not '0'", e.Message);
    }
}
