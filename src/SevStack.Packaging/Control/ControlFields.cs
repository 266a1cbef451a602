using System.Text;
using SevStack.Toolkit;

namespace SevStack.Packaging.Control;

/// <summary>An ordered deb822 paragraph: the DEBIAN/control of one binary package.</summary>
public sealed class ControlFields
{
    readonly List<KeyValuePair<string, string>> fields = [];

    public ControlFields Add(string name, string value)
    {
        if (value.Contains('\n', StringComparison.Ordinal) && name != "Description")
            throw new BuildException($"Control field {name} must be a single line, got '{value}'.");
        fields.Add(new(name, value));
        return this;
    }

    public ControlFields AddIfAny(string name, IEnumerable<string> values)
    {
        var list = values.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        return list.Count == 0 ? this : Add(name, string.Join(", ", list));
    }

    public ControlFields AddIfSet(string name, string? value) => string.IsNullOrWhiteSpace(value) ? this : Add(name, value);

    public string Render()
    {
        var text = new StringBuilder();
        foreach (var (name, value) in fields)
            text.Append(name).Append(": ").Append(value).Append('\n');
        return text.ToString();
    }
}
