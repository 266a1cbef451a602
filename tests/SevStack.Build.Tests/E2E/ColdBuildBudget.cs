namespace SevStack.Build.Tests.E2E;

/// <summary>
/// How many minutes the e2e suite may spend on one cold build that is not part of the main chain (the SNP QEMU in its
/// trixie build root: about 20-25 minutes on 2 cores): <c>$SEVSTACK_E2E_COLD_BUDGET_MINUTES</c>, 0 by default, so CI's
/// run stays within its limit. A test whose build is neither cached nor within the budget is reported skipped with the
/// reason, never passed.
/// </summary>
public static class ColdBuildBudget
{
    public const string Variable = "SEVSTACK_E2E_COLD_BUDGET_MINUTES";

    public static int Minutes => int.TryParse(Environment.GetEnvironmentVariable(Variable), out var minutes) && minutes > 0 ? minutes : 0;

    /// <summary>The reason to skip a cold build of <paramref name="what"/> that takes about <paramref name="coldMinutes"/>, or null when the budget allows it.</summary>
    public static string? RefusalFor(string what, int coldMinutes) => Minutes >= coldMinutes
        ? null
        : $"{what} is not in the e2e cache and its cold build takes about {coldMinutes} minutes, more than {Variable}={Minutes} allows; " +
          $"set {Variable}={coldMinutes} (or prime the cache with the same build) to run it";
}
