using SevStack.Testing;
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

public class FailedTestTests
{
    static readonly string SampleRun = Path.Combine(SharedData.RepositoryRoot, "tests", "SevStack.Build.Tests", "fixtures", "failed-run.trx");

    [Fact]
    public void Reads_each_failed_test_from_a_real_trx_file_and_nothing_else()
    {
        var failure = Assert.Single(FailedTest.Read(SampleRun));

        Assert.Equal("Sample.Checks.Compares_two_numbers", failure.Name);
        Assert.Equal("FAILED Sample.Checks.Compares_two_numbers: Assert.Equal() Failure: Values differ (at Sample.Checks.Compares_two_numbers() in /tmp/trx/p/T.cs:line 5)", failure.ToString());
    }

    [Fact]
    public void Finds_the_results_files_dotnet_test_names_in_its_output()
    {
        const string output = """
              Failed Sample.Checks.Compares_two_numbers [14 ms]
            Results File: /w/artifacts/test-results/_vm_2026-12-07_14_25_22_net10.0.trx

            Failed!  - Failed:     1, Passed:     1, Skipped:     1, Total:     3, Duration: 48 ms - p.dll (net10.0)
            Results File: /w/artifacts/test-results/_vm_2026-12-07_14_25_23_net10.0.trx
            """;

        Assert.Equal(["/w/artifacts/test-results/_vm_2026-12-07_14_25_22_net10.0.trx", "/w/artifacts/test-results/_vm_2026-12-07_14_25_23_net10.0.trx"], FailedTest.ResultFiles(output));
    }
}
