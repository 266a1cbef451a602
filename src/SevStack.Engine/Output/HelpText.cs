using System.Text;
using SevStack.Engine.Cli;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Output;

/// <summary><c>--help</c>: targets with descriptions and dependencies, parameters with values and their source, options.</summary>
public static class HelpText
{
    const int ColumnWidth = 30;

    public static string Render(string usage, TargetCollection targets, string? defaultTarget, IReadOnlyList<ResolvedParameter> parameters)
    {
        var text = new StringBuilder();
        text.AppendLine(usage).AppendLine();

        text.AppendLine("Targets (dependencies in brackets):");
        var listed = targets.All.ToList();
        var nameWidth = Math.Max(listed.Max(t => t.Name.Length) + 2, ColumnWidth - 2);
        foreach (var target in listed)
        {
            var isDefault = defaultTarget is not null && TargetNames.Normalize(defaultTarget) == TargetNames.Normalize(target.Name);
            var dependencies = target.ExecutionDependencies.Count == 0 ? "" : $" [{string.Join(", ", target.ExecutionDependencies.Select(d => d.Name))}]";
            AppendWrapped(text, "  " + target.Name.PadRight(nameWidth), (target.Description ?? "") + (isDefault ? " (default)" : "") + dependencies);
        }

        text.AppendLine().AppendLine("Parameters (value, and where it came from):");
        foreach (var parameter in parameters)
        {
            var member = parameter.Member;
            var flag = member.FlagName + (member.IsFlag ? "" : " " + Placeholder(member));
            AppendWrapped(text, "  " + flag.PadRight(ColumnWidth - 2), member.Description);
            var value = parameter.DisplayValue.Length == 0 ? "(none)" : parameter.DisplayValue;
            text.AppendLine($"      = {value}   [{parameter.Source}]");
        }

        text.AppendLine().AppendLine("Options:");
        foreach (var option in EngineOption.All)
            AppendWrapped(text, ("  --" + option.Name).PadRight(ColumnWidth), option.Description);

        text.AppendLine().AppendLine("Parameters also come from SEVSTACK_<NAME> environment variables (case and '_' ignored after the prefix;")
            .AppendLine("unprefixed names never count), .nuke/parameters.<profile>.json for each --profile, and .nuke/parameters.json,")
            .AppendLine("in that order. Of the options, these also come from SEVSTACK_<NAME> (the command line wins):")
            .AppendLine(string.Join(", ", EngineOption.All.Where(o => o.FromEnvironment).Select(o => o.Flag)) + ".")
            .AppendLine("These also come from the parameter files (after the environment): "
                + string.Join(", ", EngineOption.All.Where(o => o.FromParameterFile).Select(o => o.Flag)) + ".")
            .AppendLine("Exit codes: 0 success, 1 a target failed, 2 usage or graph error, 130 interrupted.");
        return text.ToString();
    }

    static string Placeholder(ParameterMember member)
    {
        var type = ParameterValues.ElementType(member.Type);
        var one = type.IsEnum ? string.Join('|', ParameterValues.EnumSpellings(type)) : type == typeof(int) || type == typeof(long) ? "<n>" : "<value>";
        return member.IsList ? one + "..." : one;
    }

    static void AppendWrapped(StringBuilder text, string head, string description, int width = 110)
    {
        var indent = new string(' ', ColumnWidth + 1);
        var line = new StringBuilder(head.Length > ColumnWidth ? head + "\n" + indent : head.PadRight(ColumnWidth) + " ");
        var column = indent.Length;
        foreach (var word in description.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (column + word.Length > width && column > indent.Length)
            {
                line.Append('\n').Append(indent);
                column = indent.Length;
            }
            line.Append(word).Append(' ');
            column += word.Length + 1;
        }
        text.AppendLine(line.ToString().TrimEnd());
    }
}
