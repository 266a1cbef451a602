using SevStack.Toolkit;

namespace SevStack.Components.Smoke;

/// <summary>
/// Resolves module names (<c>kvm-amd</c> or <c>kvm_amd</c>) to their files in a <c>/lib/modules/&lt;release&gt;</c>
/// folder, with every dependency from <c>modules.dep</c> placed before the module that needs it.
/// </summary>
public static class KernelModuleOrder
{
    public static IReadOnlyList<string> Resolve(string modulesDirectory, IEnumerable<string> names)
    {
        var depFile = Path.Combine(modulesDirectory, "modules.dep");
        if (!File.Exists(depFile))
            throw new BuildException($"{depFile} is missing; the kernel package has no module index (was it built with modules?).");
        var dependencies = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(depFile))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
                continue;
            var module = line[..colon];
            dependencies[module] = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            byName[Normalize(module)] = module;
        }

        var ordered = new List<string>();
        void Visit(string module)
        {
            if (ordered.Contains(module))
                return;
            // modules.dep lists a module's dependencies so that the last one is loaded first.
            foreach (var dependency in dependencies.GetValueOrDefault(module, []).Reverse())
                Visit(dependency);
            ordered.Add(module);
        }
        foreach (var name in names)
        {
            if (!byName.TryGetValue(Normalize(name), out var module))
                throw new BuildException($"Module '{name}' is not in {depFile}; the kernel config does not build it as a module.");
            Visit(module);
        }
        return ordered.Select(m => Path.Combine(modulesDirectory, m)).ToList();
    }

    static string Normalize(string moduleOrPath)
    {
        var file = Path.GetFileName(moduleOrPath);
        foreach (var suffix in new[] { ".ko.xz", ".ko.zst", ".ko.gz", ".ko" })
            if (file.EndsWith(suffix, StringComparison.Ordinal))
                file = file[..^suffix.Length];
        return file.Replace('-', '_');
    }
}
