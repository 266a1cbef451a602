using System.Text;

namespace SevStack.Packaging.Control;

/// <summary>Formats a Description field: synopsis, then the long text wrapped at 79 columns, blank lines as " .".</summary>
public static class DescriptionText
{
    const int Width = 79;

    public static string Format(string summary, string longDescription)
    {
        var text = new StringBuilder(summary.Trim());
        var paragraphs = longDescription.Replace("\r\n", "\n", StringComparison.Ordinal).Trim().Split("\n\n");
        for (var i = 0; i < paragraphs.Length; i++)
        {
            if (i > 0)
                text.Append("\n .");
            foreach (var line in Wrap(paragraphs[i]))
                text.Append("\n ").Append(line);
        }
        return text.ToString();
    }

    static IEnumerable<string> Wrap(string paragraph)
    {
        var line = new StringBuilder();
        foreach (var word in paragraph.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > Width - 1)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length > 0)
                line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0)
            yield return line.ToString();
    }
}
