using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Tests.Resources;

public class RangeSetTests
{
    private static RangeSet S(string text) => RangeSet.Parse(text);

    [Theory]
    [InlineData("[1-3, 2-5]", "[1-5]")]
    [InlineData("[1-3, 4-6]", "[1-6]")]
    [InlineData("[5-5, 4-4, 6-6]", "[4-6]")]
    [InlineData("[1-10, 3-4]", "[1-10]")]
    [InlineData("[10-20, 1-3, 5-5]", "[1-3, 5-5, 10-20]")]
    [InlineData("[1-2, 4-5]", "[1-2, 4-5]")]
    [InlineData("[]", "[]")]
    public void RangeSet_Of_MergesOverlappingAndAdjacentRangesAndSorts(string input, string expected) =>
        Assert.Equal(expected, S(input).ToString());

    [Fact]
    public void RangeSet_Of_KeepsCountAndRangesNormalized()
    {
        var set = RangeSet.Of([new ValueRange(8, 9), new ValueRange(1, 3), new ValueRange(4, 4), new ValueRange(9, 12)]);

        Assert.Equal([new ValueRange(1, 4), new ValueRange(8, 12)], set.Ranges);
        Assert.Equal(9, set.Count);
        Assert.False(set.IsEmpty);
        Assert.True(RangeSet.Empty.IsEmpty);
        Assert.Equal(0, RangeSet.Empty.Count);
    }

    [Fact]
    public void RangeSet_OfValues_GroupsRuns() =>
        Assert.Equal("[1-3, 7-7, 9-10]", RangeSet.OfValues([10, 2, 1, 9, 3, 7, 2]).ToString());

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(20, true)]
    [InlineData(21, false)]
    public void RangeSet_ContainsValue(long value, bool expected) =>
        Assert.Equal(expected, S("[1-3, 10-20]").Contains(value));

    [Theory]
    [InlineData("[2-3, 12-15]", true)]
    [InlineData("[1-3, 10-20]", true)]
    [InlineData("[]", true)]
    [InlineData("[3-10]", false)]
    [InlineData("[0-1]", false)]
    [InlineData("[20-21]", false)]
    [InlineData("[2-2, 5-5]", false)]
    public void RangeSet_ContainsSet(string other, bool expected) =>
        Assert.Equal(expected, S("[1-3, 10-20]").Contains(S(other)));

    [Fact]
    public void RangeSet_ContainsSet_AcrossMergedNeighbours() =>
        Assert.True(RangeSet.Of([new ValueRange(1, 5), new ValueRange(6, 10)]).Contains(S("[4-7]")));

    [Theory]
    [InlineData("[1-3]", "[4-6]", "[1-6]")]
    [InlineData("[1-3]", "[10-12]", "[1-3, 10-12]")]
    [InlineData("[1-5, 10-15]", "[4-11]", "[1-15]")]
    [InlineData("[1-3]", "[]", "[1-3]")]
    [InlineData("[]", "[1-3]", "[1-3]")]
    public void RangeSet_Union(string a, string b, string expected)
    {
        Assert.Equal(expected, S(a).Union(S(b)).ToString());
        Assert.Equal(expected, S(b).Union(S(a)).ToString());
    }

    [Theory]
    [InlineData("[1-10]", "[4-6]", "[1-3, 7-10]")]
    [InlineData("[1-10]", "[1-3]", "[4-10]")]
    [InlineData("[1-10]", "[8-10]", "[1-7]")]
    [InlineData("[1-10]", "[1-1]", "[2-10]")]
    [InlineData("[1-10]", "[10-10]", "[1-9]")]
    [InlineData("[1-10]", "[2-2, 5-6, 9-9]", "[1-1, 3-4, 7-8, 10-10]")]
    [InlineData("[5-10]", "[1-20]", "[]")]
    [InlineData("[5-10]", "[5-10]", "[]")]
    [InlineData("[5-10]", "[1-6]", "[7-10]")]
    [InlineData("[5-10]", "[8-20]", "[5-7]")]
    [InlineData("[1-3, 10-20]", "[2-15]", "[1-1, 16-20]")]
    [InlineData("[1-3, 10-20]", "[5-8]", "[1-3, 10-20]")]
    [InlineData("[1-3, 5-7, 9-11]", "[3-5, 7-9]", "[1-2, 6-6, 10-11]")]
    [InlineData("[1-3, 5-7, 9-11]", "[0-0, 12-14]", "[1-3, 5-7, 9-11]")]
    [InlineData("[1-10]", "[]", "[1-10]")]
    [InlineData("[]", "[1-2]", "[]")]
    public void RangeSet_Subtract(string a, string b, string expected) =>
        Assert.Equal(expected, S(a).Subtract(S(b)).ToString());

    [Theory]
    [InlineData("[1-10]", "[5-15]", "[5-10]")]
    [InlineData("[1-3, 7-9]", "[2-8]", "[2-3, 7-8]")]
    [InlineData("[1-3]", "[4-6]", "[]")]
    [InlineData("[1-3]", "[]", "[]")]
    public void RangeSet_Intersect(string a, string b, string expected)
    {
        Assert.Equal(expected, S(a).Intersect(S(b)).ToString());
        Assert.Equal(expected, S(b).Intersect(S(a)).ToString());
    }

    // Every operation agrees with the same operation on plain sets of values.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RangeSet_Operations_AgreeWithValueSets(int seed)
    {
        var random = new Random(seed);
        for (int round = 0; round < 500; round++)
        {
            var (a, aValues) = RandomSet(random);
            var (b, bValues) = RandomSet(random);
            var context = $"round {round}: {a} and {b}";

            AssertSet(aValues.Union(bValues), a.Union(b), context + " union");
            AssertSet(aValues.Except(bValues), a.Subtract(b), context + " subtract");
            AssertSet(aValues.Intersect(bValues), a.Intersect(b), context + " intersect");
            Assert.True(bValues.IsSubsetOf(aValues) == a.Contains(b), context + " contains");
            Assert.All(Enumerable.Range(-1, 62), v => Assert.True(aValues.Contains(v) == a.Contains(v), $"{context} contains {v}"));
        }
    }

    [Fact]
    public void RangeSet_TakeLowest_SkipsGaps()
    {
        var set = S("[31000-31001, 31005-31010]");

        Assert.Equal([31000L, 31001, 31005, 31006], set.TakeLowest(4));
        Assert.Empty(set.TakeLowest(0)!);
        Assert.Equal(8, set.TakeLowest(8)!.Count);
        Assert.Null(set.TakeLowest(9));
        Assert.Null(RangeSet.Empty.TakeLowest(1));
    }

    [Fact]
    public void RangeSet_Parse_MesosTextForm()
    {
        var set = S("[31000-32000, 8080-8080]");

        Assert.Equal([new ValueRange(8080, 8080), new ValueRange(31000, 32000)], set.Ranges);
        Assert.Equal(1002, set.Count);
        Assert.Equal("[8080-8080, 31000-32000]", set.ToString());
        Assert.Equal(set, S(set.ToString()));
    }

    [Theory]
    [InlineData("31000-32000,8080", "[8080-8080, 31000-32000]")]
    [InlineData(" [ 1-2 , 5 ] ", "[1-2, 5-5]")]
    [InlineData("", "[]")]
    [InlineData("[]", "[]")]
    public void RangeSet_Parse_LenientForms(string text, string expected) =>
        Assert.Equal(expected, S(text).ToString());

    [Theory]
    [InlineData("abc", "'abc' is not a range")]
    [InlineData("[1-2-3]", "'1-2-3' is not a range")]
    [InlineData("[-5]", "'-5' is not a range")]
    [InlineData("1-", "'1-' is not a range")]
    [InlineData("[1-2", "'[1-2' is not a range")]
    [InlineData("1.5-2", "'1.5-2' is not a range")]
    [InlineData("5-1", "range '5-1' ends before it begins")]
    public void RangeSet_Parse_RejectsBadText(string text, string expectedError)
    {
        Assert.False(RangeSet.TryParse(text, out var set, out var error));
        Assert.Same(RangeSet.Empty, set);
        Assert.StartsWith(expectedError, error, StringComparison.Ordinal);
        var thrown = Assert.Throws<FormatException>(() => RangeSet.Parse(text));
        Assert.Equal(error, thrown.Message);
    }

    [Fact]
    public void RangeSet_Equality_IsByValue()
    {
        var merged = RangeSet.Of([new ValueRange(1, 3), new ValueRange(4, 5)]);

        Assert.Equal(RangeSet.Of(1, 5), merged);
        Assert.Equal(RangeSet.Of(1, 5).GetHashCode(), merged.GetHashCode());
        Assert.NotEqual(RangeSet.Of(1, 4), merged);
        Assert.False(merged.Equals(null));
    }

    [Fact]
    public void ValueRange_RejectsEndBeforeBegin()
    {
        Assert.Throws<ArgumentException>(() => new ValueRange(5, 4));
        Assert.Equal(1, new ValueRange(7, 7).Count);
        Assert.Equal("7", new ValueRange(7, 7).ToString());
        Assert.Equal("1-3", new ValueRange(1, 3).ToString());
    }

    private static (RangeSet Set, HashSet<long> Values) RandomSet(Random random)
    {
        var values = new HashSet<long>();
        var ranges = new List<ValueRange>();
        for (int i = random.Next(0, 5); i > 0; i--)
        {
            var begin = random.Next(0, 60);
            var end = Math.Min(59, begin + random.Next(0, 8));
            ranges.Add(new ValueRange(begin, end));
            for (long v = begin; v <= end; v++)
            {
                values.Add(v);
            }
        }

        return (RangeSet.Of(ranges), values);
    }

    private static void AssertSet(IEnumerable<long> expected, RangeSet actual, string context)
    {
        Assert.True(expected.Order().SequenceEqual(actual.SelectMany(r => Values(r))), $"{context}: got {actual}");
        for (int i = 1; i < actual.Ranges.Count; i++)
        {
            Assert.True(actual.Ranges[i].Begin > actual.Ranges[i - 1].End + 1, $"{context}: {actual} is not normalized");
        }

        Assert.Equal(expected.LongCount(), actual.Count);
    }

    private static IEnumerable<long> Values(ValueRange r)
    {
        for (long v = r.Begin; v <= r.End; v++)
        {
            yield return v;
        }
    }
}
