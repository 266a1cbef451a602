namespace SevStack.Engine.Parameters;

/// <summary>
/// The environment variables that set parameters and options: only those named SEVSTACK_&lt;NAME&gt;, case and '_' ignored
/// after the prefix (SEVSTACK_KERNEL_CONFIG = SEVSTACK_KernelConfig). Unprefixed names (SYSROOT, JOBS) never count:
/// cross-compilation environments and shells set them for their own purposes.
/// </summary>
public sealed class ParameterEnvironment
{
    public const string Prefix = "SEVSTACK_";

    readonly Dictionary<string, List<string>> variablesByName = new(StringComparer.Ordinal);
    readonly IReadOnlyDictionary<string, string> environment;

    public ParameterEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        this.environment = environment;
        foreach (var name in environment.Keys.Order(StringComparer.Ordinal))
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
                continue;
            var key = ParameterMember.Normalize(name[Prefix.Length..]);
            if (!variablesByName.TryGetValue(key, out var list))
                variablesByName[key] = list = [];
            list.Add(name);
        }
    }

    /// <summary>The variable that sets <paramref name="normalizedName"/> and its value, or null.</summary>
    /// <exception cref="UsageException">Two spellings of the same name are set.</exception>
    public (string Variable, string Value)? Find(string normalizedName, string flag) =>
        variablesByName.GetValueOrDefault(normalizedName) switch
        {
            null => null,
            [var variable] => (variable, environment[variable]),
            var names => throw new UsageException($"Environment variables {string.Join(" and ", names)} both set {flag}: unset one of them"),
        };
}
