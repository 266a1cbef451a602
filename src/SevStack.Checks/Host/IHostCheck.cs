using SevStack.Checks.Report;

namespace SevStack.Checks.Host;

/// <summary>One named host check.</summary>
public interface IHostCheck
{
    CheckResult Evaluate(HostFacts facts);
}
