using SevStack.Engine.Parameters;
using SevStack.Sources.Specs;

namespace SevStack.Build.Parameters;

/// <summary>A source parameter (--kernel-source, --qemu-source, ...), checked by the fetcher's own parser; its text is what the fetcher, the lock and the cache keys read.</summary>
public sealed record ComponentSource : ParameterText<ComponentSource>, IParsable<ComponentSource>
{
    ComponentSource(string text) : base(text) { }

    public static ComponentSource Parse(string s, IFormatProvider? provider)
    {
        ParsableText.Translating(() => SourceSpec.Parse(s), e => "is not a source: " + e.Message);
        return new ComponentSource(s);
    }
}
