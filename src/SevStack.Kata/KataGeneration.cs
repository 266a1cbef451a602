namespace SevStack.Kata;

/// <summary>Which Kata Containers line is configured: the 1.x packages plus AMD's SEV fork, or the 3.x static release.</summary>
public enum KataGeneration
{
    V1 = 1,
    V3 = 3,
}
