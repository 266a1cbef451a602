using System.Text.RegularExpressions;
using SevStack.Toolkit;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace SevStack.Kata.Config;

/// <summary>
/// A TOML file edited through Tomlyn's lossless syntax tree: only the touched key/value lines change,
/// every comment, blank line, key order and unrelated key is written back exactly as read.
/// </summary>
public sealed class TomlConfigDocument
{
    readonly DocumentSyntax document;

    TomlConfigDocument(DocumentSyntax document, string path)
    {
        this.document = document;
        Path = path;
    }

    /// <summary>The file this text came from; used in error messages.</summary>
    public string Path { get; }

    /// <summary>Parses <paramref name="text"/>; a syntax error becomes a <see cref="BuildException"/> naming file, line and column.</summary>
    public static TomlConfigDocument Parse(string text, string path)
    {
        var document = SyntaxParser.Parse(text, path, true);
        if (document.HasErrors)
        {
            var first = document.Diagnostics.First(d => d.Kind == DiagnosticMessageKind.Error);
            var start = first.Span.Start;
            throw new BuildException(
                $"{path}:{start.Line + 1}:{start.Column + 1}: invalid TOML ({first.Message}); fix the file by hand or restore its backup, it was left untouched");
        }
        return new TomlConfigDocument(document, path);
    }

    public static TomlConfigDocument Empty(string path) => new(new DocumentSyntax(), path);

    public override string ToString() => document.ToString();

    public IEnumerable<string> TableNames => document.Tables.OfType<TableSyntax>().Select(t => KeyText(t.Name));

    /// <summary>The keys set (not commented out) in <paramref name="table"/>, in file order, with their values.</summary>
    public IEnumerable<(string Key, TomlScalar Value)> Entries(string table)
    {
        if (FindTable(table) is not { } t)
            yield break;
        foreach (var item in t.Items)
            if (TomlScalar.From(item.Value) is { } value)
                yield return (KeyText(item.Key), value);
    }

    public TomlScalar? Get(string table, string key) =>
        FindTable(table) is { } t && FindItem(t, key) is { } item ? TomlScalar.From(item.Value) : null;

    public string? GetString(string table, string key) => Get(table, key)?.AsString;

    /// <summary>True when <paramref name="key"/> is set or commented out (<c>#key = ...</c>) in <paramref name="table"/>.</summary>
    public bool Mentions(string table, string key) =>
        FindTable(table) is { } t && (FindItem(t, key) is not null || UncommentPosition(t, key) is not null);

    /// <summary>
    /// Sets <paramref name="key"/> in <paramref name="table"/>. An existing line keeps its spacing and trailing comment;
    /// a commented-out line (<c>#key = ...</c>) is un-commented where it stands; otherwise the key is added after
    /// <paramref name="after"/> when that key exists, or after the table's last key.
    /// </summary>
    /// <returns>True when the text changed.</returns>
    public bool Set(string table, string key, TomlScalar value, string? after = null)
    {
        var t = FindTable(table) ?? AddTable(table);
        if (FindItem(t, key) is { } existing)
        {
            if (TomlScalar.From(existing.Value) == value)
                return false;
            existing.Value = value.ToSyntax(TrailingTriviaOf(existing.Value));
            return true;
        }

        var line = new KeyValueSyntax(key, value.ToSyntax(null));
        if (UncommentPosition(t, key) is { } commented)
        {
            var trivia = commented.Owner.TrailingTrivia!;
            line.EndOfLineToken!.TrailingTrivia = trivia.Skip(commented.Index + 2).ToList();
            commented.Owner.TrailingTrivia = trivia.Take(commented.Index).ToList();
            InsertItem(t, commented.ItemIndex + 1, line);
            return true;
        }

        var items = t.Items.ToList();
        var anchor = after is null ? -1 : items.FindIndex(i => KeyText(i.Key) == after);
        var position = anchor >= 0 ? anchor : items.Count - 1;
        if (position >= 0)
        {
            // Comment lines after the anchor belong to what follows it, so they move below the new line.
            var anchorEnd = items[position].EndOfLineToken!;
            line.EndOfLineToken!.TrailingTrivia = anchorEnd.TrailingTrivia;
            anchorEnd.TrailingTrivia = null;
        }
        else if (t.EndOfLineToken is { } headerEnd)
        {
            line.EndOfLineToken!.TrailingTrivia = headerEnd.TrailingTrivia;
            headerEnd.TrailingTrivia = null;
        }
        InsertItem(t, position + 1, line);
        return true;
    }

    /// <summary>Turns the line setting <paramref name="key"/> into a comment (<c>#key = "..."</c>), keeping its text.</summary>
    /// <returns>True when the text changed.</returns>
    public bool CommentOut(string table, string key)
    {
        if (FindTable(table) is not { } t || FindItem(t, key) is not { } item)
            return false;
        var items = t.Items.ToList();
        var index = items.IndexOf(item);
        var end = item.EndOfLineToken!;
        var endText = end.ToString();
        var full = item.ToString();
        var lineText = full[..^endText.Length];
        var lineBreak = end.Text ?? "\n";

        var previousEnd = index > 0 ? items[index - 1].EndOfLineToken! : t.EndOfLineToken!;
        var moved = new List<SyntaxTrivia>(previousEnd.TrailingTrivia ?? [])
        {
            new(TokenKind.Comment, "#" + lineText),
            new(TokenKind.NewLine, lineBreak),
        };
        moved.AddRange(end.TrailingTrivia ?? []);
        previousEnd.TrailingTrivia = moved;
        t.Items.RemoveChildAt(index);
        return true;
    }

    TableSyntax? FindTable(string name) =>
        document.Tables.OfType<TableSyntax>().FirstOrDefault(t => KeyText(t.Name) == name);

    TableSyntax AddTable(string name)
    {
        var parts = name.Split('.');
        var key = new KeySyntax(parts[0]);
        foreach (var part in parts.Skip(1))
            key.DotKeys.Add(new DottedKeyItemSyntax(part));
        var table = new TableSyntax(key);
        if (document.Tables.ChildrenCount > 0 || document.KeyValues.ChildrenCount > 0)
            table.AddLeadingTrivia(new SyntaxTrivia(TokenKind.NewLine, "\n"));
        document.Tables.Add(table);
        return table;
    }

    static KeyValueSyntax? FindItem(TableSyntax table, string key) =>
        table.Items.FirstOrDefault(i => KeyText(i.Key) == key);

    static void InsertItem(TableSyntax table, int index, KeyValueSyntax line)
    {
        var tail = new List<KeyValueSyntax>();
        while (table.Items.ChildrenCount > index)
        {
            tail.Insert(0, table.Items.GetChild(table.Items.ChildrenCount - 1)!);
            table.Items.RemoveChildAt(table.Items.ChildrenCount - 1);
        }
        table.Items.Add(line);
        foreach (var item in tail)
            table.Items.Add(item);
    }

    sealed record CommentedLine(SyntaxToken Owner, int Index, int ItemIndex);

    /// <summary>Finds <c>#key = ...</c> among the comment lines of the table (they hang off end-of-line tokens).</summary>
    static CommentedLine? UncommentPosition(TableSyntax table, string key)
    {
        var pattern = new Regex($@"^#\s*{Regex.Escape(key)}\s*=");
        var owners = new List<(SyntaxToken Token, int ItemIndex)>();
        if (table.EndOfLineToken is { } header)
            owners.Add((header, -1));
        var index = 0;
        foreach (var item in table.Items)
            owners.Add((item.EndOfLineToken!, index++));
        foreach (var (token, itemIndex) in owners)
        {
            var trivia = token.TrailingTrivia;
            if (trivia is null)
                continue;
            for (var i = 0; i < trivia.Count; i++)
            {
                var isWholeLine = i == 0 || trivia[i - 1].Kind == TokenKind.NewLine;
                var endsLine = i + 1 < trivia.Count && trivia[i + 1].Kind == TokenKind.NewLine;
                if (trivia[i].Kind == TokenKind.Comment && isWholeLine && endsLine && pattern.IsMatch(trivia[i].Text ?? ""))
                    return new CommentedLine(token, i, itemIndex);
            }
        }
        return null;
    }

    static List<SyntaxTrivia>? TrailingTriviaOf(ValueSyntax? value) => TomlScalar.LastToken(value)?.TrailingTrivia;

    internal static string KeyText(KeySyntax? key)
    {
        if (key is null)
            return "";
        var parts = new List<string> { SimpleKeyText(key.Key) };
        parts.AddRange(key.DotKeys.Select(d => SimpleKeyText(d.Key)));
        return string.Join('.', parts);
    }

    static string SimpleKeyText(BareKeyOrStringValueSyntax? key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => key?.ToString()?.Trim() ?? "",
    };
}
