using SevStack.Engine;
using SevStack.Engine.Parameters;
using SevStack.Sources.Specs;

namespace SevStack.Build.Parameters;

/// <summary>A source parameter (--kernel-source, --qemu-source, ...), checked by the fetcher's own parser when it is read.</summary>
public sealed record ComponentSource : IParsable<ComponentSource>
{
    ComponentSource(string text) => Text = text;

    /// <summary>As given: the fetcher, the lock and the cache keys read this text.</summary>
    public string Text { get; }

    public static ComponentSource Parse(string s, IFormatProvider? provider)
    {
        try
        {
            SourceSpec.Parse(s);
            return new ComponentSource(s);
        }
        catch (BuildException e)
        {
            throw new FormatException("is not a source: " + e.Message, e);
        }
    }

    public static bool TryParse(string? s, IFormatProvider? provider, out ComponentSource result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    public override string ToString() => Text;
}
