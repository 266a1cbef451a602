using SevStack.Build.Modules.Test;

namespace SevStack.Build.Tests;

public class TestSummaryTests
{
    [Fact]
    public void Sums_the_closing_line_of_every_test_assembly()
    {
        const string output = """
            Passed!  - Failed:     0, Passed:    39, Skipped:     0, Total:    39, Duration: 7 s - SevStack.Engine.Tests.dll (net10.0)
            Failed!  - Failed:     2, Passed:     5, Skipped:     1, Total:     8, Duration: 1 s - SevStack.Kata.Tests.dll (net10.0)
            """;

        var summary = TestSummary.Parse(output);

        Assert.Equal(new TestSummary(44, 2, 1), summary);
        Assert.Equal("44 passed, 2 failed, 1 skipped", summary.ToString());
    }
}
