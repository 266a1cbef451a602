namespace SevStack.Checks.Report;

/// <summary>
/// The outcome of one check. <see cref="Fail"/> is reserved for required checks; an optional check that finds a
/// problem reports <see cref="Warn"/>, so "no FAIL" means "every required check passed".
/// </summary>
public enum CheckStatus
{
    Pass,
    Warn,
    Fail,
    Skip,
}
