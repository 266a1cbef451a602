using System.Text;
using SevStack.Toolkit.Processes;

namespace SevStack.Launch.Qemu;

/// <summary>The QEMU command for a guest, the VARS copy it needs first, and notes that explain its choices.</summary>
public sealed record LaunchPlan(CommandSpec Command, string? VarsTemplate, string? VarsCopy, IReadOnlyList<string> Notes)
{
    /// <summary>Files QEMU opens that must exist before it starts (disk, firmware, kernel...).</summary>
    public IReadOnlyList<string> InputFiles { get; init; } = [];

    /// <summary>The command as one shell line.</summary>
    public string CommandLine => Command.Describe();

    /// <summary>What <c>--print</c> shows: one option per line, ready to paste into a shell, then the notes as comments.</summary>
    public string PrintText
    {
        get
        {
            var text = new StringBuilder(ShellQuote.Quote(Command.Program));
            foreach (var argument in Command.Arguments)
                text.Append(argument.StartsWith('-') ? " \\\n  " : " ").Append(ShellQuote.Quote(argument));
            text.Append('\n');
            foreach (var note in Notes)
                text.Append("# ").Append(note).Append('\n');
            return text.ToString();
        }
    }
}
