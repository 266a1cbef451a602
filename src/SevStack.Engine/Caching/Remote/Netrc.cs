namespace SevStack.Engine.Caching.Remote;

/// <summary>
/// The login and password <c>~/.netrc</c> gives for a host (its <c>machine</c> entry, else the <c>default</c> one), read
/// as curl reads it: whitespace-separated tokens, <c>macdef</c> bodies skipped up to their blank line.
/// </summary>
internal static class Netrc
{
    sealed class Entry(string? machine)
    {
        public string? Machine { get; } = machine;
        public string Login { get; set; } = "";
        public string? Password { get; set; }
    }

    public static (string Login, string Password)? Find(string path, string host)
    {
        if (!File.Exists(path))
            return null;
        var entries = Parse(File.ReadAllText(path));
        var entry = entries.FirstOrDefault(e => string.Equals(e.Machine, host, StringComparison.OrdinalIgnoreCase))
            ?? entries.FirstOrDefault(e => e.Machine is null);
        return entry?.Password is { } password ? (entry.Login, password) : null;
    }

    static List<Entry> Parse(string text)
    {
        var entries = new List<Entry>();
        var lines = text.Split('\n');
        Entry? current = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var tokens = lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            for (var t = 0; t < tokens.Length; t++)
            {
                string? Next() => t + 1 < tokens.Length ? tokens[++t] : null;
                switch (tokens[t])
                {
                    case "machine":
                        entries.Add(current = new Entry(Next() ?? ""));
                        break;
                    case "default":
                        entries.Add(current = new Entry(null));
                        break;
                    case "login" when current is not null:
                        current.Login = Next() ?? "";
                        break;
                    case "password" when current is not null:
                        current.Password = Next();
                        break;
                    case "macdef":
                        while (i + 1 < lines.Length && lines[i + 1].Trim().Length > 0)
                            i++;
                        t = tokens.Length;
                        break;
                }
            }
        }
        return entries;
    }
}
