using SevStack.Sources.Identity;

namespace SevStack.Kata.Staging;

/// <summary>
/// What BuildKata produced: a DESTDIR-style tree (<see cref="Root"/>) whose every file lies below
/// <c>opt/kata</c>, the Kata version it holds, and exactly which source made it.
/// </summary>
public sealed record KataStaging(string Root, string Version, KataGeneration Generation, SourceIdentity Source)
{
    public const string Prefix = "/opt/kata";

    public string PrefixFolder => Path.Combine(Root, Prefix.TrimStart('/'));
}
