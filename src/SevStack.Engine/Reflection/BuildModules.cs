using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using SevStack.Engine.Hosting;

namespace SevStack.Engine.Reflection;

/// <summary>The objects whose targets and parameters make up a build: the build class, then its modules in declaration order.</summary>
public static class BuildModules
{
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "A natively compiled build program keeps its assemblies whole (TrimmerRootAssembly in build/_build.csproj)")]
    public static IReadOnlyList<object> Of(object build)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var owners = new List<object> { build };
        for (var type = build.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            foreach (var property in DeclarationOrder.Sort(type.GetProperties(flags)))
                if (typeof(IBuildModule).IsAssignableFrom(property.PropertyType) && property.GetValue(build) is { } module && !owners.Contains(module))
                    owners.Add(module);
        return owners;
    }

    /// <summary>A module's name as the plan shows it: its class name without the "Module" suffix.</summary>
    public static string NameOf(object module)
    {
        var name = module.GetType().Name;
        return name.EndsWith("Module", StringComparison.Ordinal) && name.Length > "Module".Length ? name[..^"Module".Length] : name;
    }
}
