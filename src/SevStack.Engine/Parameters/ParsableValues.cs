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
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IParsable<>))
            ? type.GetMethod(nameof(IParsable<int>.Parse), BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider)])
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
