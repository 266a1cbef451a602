using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;

namespace SevStack.Engine.Parameters;

/// <summary>
/// Parameter types of their own (a runtime name, a package name, a URL): any type implementing <see cref="IParsable{TSelf}"/>
/// with a public <c>Parse(string, IFormatProvider?)</c>, whose <see cref="FormatException"/> says what it expects.
/// </summary>
static class ParsableValues
{
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "A natively compiled build program keeps its assemblies whole (TrimmerRootAssembly in build/_build.csproj)")]
    public static MethodInfo? ParseMethod(Type type) =>
        // The method, not the interface: a natively compiled program drops interfaces only used for their static members.
        type.GetMethod(nameof(IParsable<int>.Parse), BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider)]) is { } parse
            && type.IsAssignableFrom(parse.ReturnType)
            ? parse
            : null;

    public static object Parse(MethodInfo parse, string text)
    {
        try
        {
            return parse.Invoke(null, [text, CultureInfo.InvariantCulture])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is FormatException format)
        {
            throw format;
        }
    }
}
