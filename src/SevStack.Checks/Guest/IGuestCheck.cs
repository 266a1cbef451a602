using SevStack.Checks.Report;

namespace SevStack.Checks.Guest;

/// <summary>One named guest check.</summary>
public interface IGuestCheck
{
    CheckResult Evaluate(GuestFacts facts);
}
