using SevStack.Engine.Parameters;

namespace SevStack.Engine.Tests;

/// <summary>A type built on <see cref="ParameterText{TSelf}"/> is only its rule: TryParse, ToString and equality come with it.</summary>
public class ParameterTextTests
{
    static bool TryParse<T>(string? text, out T? value) where T : IParsable<T> => T.TryParse(text, null, out value);

    [Fact]
    public void TryParse_goes_through_the_types_rule()
    {
        Assert.True(TryParse<ReleaseName>("sev-stack", out var accepted));
        Assert.Equal("sev-stack", accepted!.Value);
        Assert.False(TryParse<ReleaseName>("Sev Stack", out var refused));
        Assert.Null(refused);
        Assert.False(TryParse<ReleaseName>(null, out _));
    }

    [Fact]
    public void The_value_shows_as_its_text_and_equals_the_same_text()
    {
        var release = ReleaseName.Parse("sev-stack", null);

        Assert.Equal("sev-stack", release.ToString());
        Assert.Equal(ReleaseName.Parse("sev-stack", null), release);
        Assert.NotEqual(ReleaseName.Parse("sev-stacks", null), release);
    }

    [Fact]
    public void Parse_says_what_it_expects()
    {
        var error = Assert.Throws<FormatException>(() => ReleaseName.Parse("sev-stack\n", null));

        Assert.Equal("expects lower-case words joined by '-'", error.Message);
    }

    [Fact]
    public void A_refusal_of_a_domain_parser_becomes_the_parameters_format_error()
    {
        var error = Assert.Throws<FormatException>(() =>
            ParsableText.Translating<int>(() => throw new BuildException("bad spec"), e => "is not a spec: " + e.Message));

        Assert.Equal("is not a spec: bad spec", error.Message);
        Assert.IsType<BuildException>(error.InnerException);
    }
}
