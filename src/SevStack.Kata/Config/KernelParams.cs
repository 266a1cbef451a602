namespace SevStack.Kata.Config;

/// <summary>Edits the space-separated guest kernel command line of <c>kernel_params</c> without duplicating a parameter.</summary>
public static class KernelParams
{
    public static IReadOnlyList<string> Split(string? line) =>
        (line ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Join(IEnumerable<string> parameters) => string.Join(' ', parameters);

    /// <summary>The part before '=' (or the whole flag): parameters with the same name replace each other.</summary>
    public static string NameOf(string parameter)
    {
        var equals = parameter.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? parameter : parameter[..equals];
    }

    /// <summary>
    /// Puts <paramref name="parameter"/> where the first parameter of the same name stands (dropping any others of
    /// that name), or appends it.
    /// </summary>
    public static string Set(string? line, string parameter)
    {
        var name = NameOf(parameter);
        var result = new List<string>();
        var placed = false;
        foreach (var existing in Split(line))
        {
            if (NameOf(existing) != name)
                result.Add(existing);
            else if (!placed)
            {
                result.Add(parameter);
                placed = true;
            }
        }
        if (!placed)
            result.Add(parameter);
        return Join(result);
    }

    /// <summary>Removes every parameter named <paramref name="name"/>.</summary>
    public static string Remove(string? line, string name) => Join(Split(line).Where(p => NameOf(p) != name));

    /// <summary>Removes every occurrence of exactly <paramref name="parameter"/> (name and value).</summary>
    public static string RemoveExact(string? line, string parameter) => Join(Split(line).Where(p => p != parameter));

    /// <summary>Replaces one exact parameter by another (e.g. <c>root=/dev/vda1</c> by <c>root=/dev/sda1</c>), leaving others alone.</summary>
    public static string Replace(string? line, string from, string to)
    {
        var parameters = Split(line);
        return parameters.Contains(to)
            ? Join(parameters.Where(p => p != from))
            : Join(parameters.Select(p => p == from ? to : p));
    }
}
