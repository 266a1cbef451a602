namespace SevStack.Checks;

/// <summary>How much of SEV a guest has; each level includes the ones before it.</summary>
public enum SevLevel
{
    None,
    Sev,
    SevEs,
    SevSnp,
}

public static class SevLevelNames
{
    public static string Display(this SevLevel level) => level switch
    {
        SevLevel.None => "none",
        SevLevel.Sev => "SEV",
        SevLevel.SevEs => "SEV-ES",
        SevLevel.SevSnp => "SEV-SNP",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}
