using Spectre.Console;
using Spectre.Console.Rendering;

namespace SevStack.Engine.Output;

/// <summary>Creates consoles: the real one, or one that renders into a string (for tests and files).</summary>
public static class TextRendering
{
    public static IAnsiConsole CreateConsole(TextWriter writer, bool color, bool interactive, int? width = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (width is { } w)
            console.Profile.Width = w;
        return console;
    }

    public static string ToText(IRenderable renderable, int width = 120)
    {
        using var writer = new StringWriter();
        var console = CreateConsole(writer, color: false, interactive: false, width);
        console.Write(renderable);
        return string.Join('\n', writer.ToString().Split('\n').Select(l => l.TrimEnd()));
    }
}
