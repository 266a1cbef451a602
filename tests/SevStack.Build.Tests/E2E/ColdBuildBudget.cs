namespace SevStack.Build.Tests.E2E;

/// <summary>
/// How many minutes the e2e suite may spend on one cold build that is not part of the main chain:
/// <c>$SEVSTACK_E2E_COLD_BUDGET_MINUTES</c>, 20 by default, which a cold CI run spends on the snp chain (15 minutes on 2
/// idle cores, bench/chains.sh) and not on the Debian 11 or bootable kernel builds, so the run stays within its limit.
/// A test whose build is neither cached nor within the budget is reported skipped with the reason, never passed.
/// </summary>
public static class ColdBuildBudget
{
    public const string Variable = "SEVSTACK_E2E_COLD_BUDGET_MINUTES";

    public const int DefaultMinutes = 20;

    public static int Minutes => int.TryParse(Environment.GetEnvironmentVariable(Variable), out var minutes) && minutes >= 0 ? minutes : DefaultMinutes;

    /// <summary>The reason to skip a cold build of <paramref name="what"/> that takes about <paramref name="coldMinutes"/>, or null when the budget allows it.</summary>
    public static string? RefusalFor(string what, int coldMinutes) => Minutes >= coldMinutes
        ? null
        : $"{what} is not in the e2e cache and its cold build takes about {coldMinutes} minutes, more than {Variable}={Minutes} allows; " +
          $"set {Variable}={coldMinutes} (or prime the cache with the same build) to run it";
}
