using SevStack.Components.Packages;
using SevStack.Packaging.Inputs;

namespace SevStack.Build.Modules.Packaging;

/// <summary>
/// A package PackageDebs makes only when the target producing its contents is in the same run: its cache-key input
/// (named <see cref="Name"/>) and its spec, both from that output.
/// </summary>
sealed record OptionalPackage(string Name, TargetOutput Output, Func<TargetContext, string?> CacheIdentity, Func<TargetContext, PackageSettings, DebPackageSpec?> Spec)
{
    public static OptionalPackage Of<T>(string name, TargetOutput<T> output, Func<T, string> cacheIdentity, Func<T, PackageSettings, DebPackageSpec> spec) where T : class =>
        new(name, output,
            context => context.Find(output) is { } value ? cacheIdentity(value) : null,
            (context, settings) => context.Find(output) is { } value ? spec(value, settings) : null);
}
