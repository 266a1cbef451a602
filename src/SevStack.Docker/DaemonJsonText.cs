using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SevStack.Docker;

/// <summary>
/// Writes a merged daemon.json as an edit of the user's text: only the members that changed are replaced and new ones
/// are appended to their object, in the file's own indentation and line ends; every other byte (key order, spacing,
/// compact arrays) stays. A file with no line breaks in its top object is written afresh.
/// </summary>
public static class DaemonJsonText
{
    /// <param name="original">The file's text before the merge (empty for a new file).</param>
    /// <param name="merged">The parsed file after <see cref="DaemonJson.Merge"/>.</param>
    public static string Merge(string original, JsonObject merged)
    {
        if (string.IsNullOrWhiteSpace(original))
            return DaemonJson.Serialize(merged);
        var bytes = Encoding.UTF8.GetBytes(original);
        var top = ObjectLayout.Read(bytes, FirstNonSpace(bytes));
        // The first member's indentation is one level; without one (a single-line or unindented file) nothing can be kept.
        if (top.Members.Count == 0 || LineIndent(bytes, top.Members[0].NameStart) is not { Length: > 0 } unit || unit.Any(c => c != unit[0]))
            return DaemonJson.Serialize(merged);
        var style = new Style(unit, original.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n");
        var edits = new List<Edit>();
        Patch(bytes, top, (JsonObject)JsonNode.Parse(original)!, merged, "", style, edits);
        foreach (var edit in edits.OrderByDescending(e => e.Start))
            bytes = [.. bytes[..edit.Start], .. Encoding.UTF8.GetBytes(edit.Text), .. bytes[edit.End..]];
        return Encoding.UTF8.GetString(bytes);
    }

    sealed record Style(string Unit, string NewLine);

    sealed record Edit(int Start, int End, string Text);

    /// <param name="indent">The indentation of the line that opens <paramref name="layout"/>'s object.</param>
    static void Patch(byte[] bytes, ObjectLayout layout, JsonObject before, JsonObject after, string indent, Style style, List<Edit> edits)
    {
        var memberIndent = layout.Members.Count > 0 && LineIndent(bytes, layout.Members[0].NameStart) is { } found ? found : indent + style.Unit;
        var added = new List<string>();
        foreach (var (key, value) in after)
        {
            if (!before.TryGetPropertyValue(key, out var old))
            {
                added.Add($"{Quote(key)}: {Render(value, memberIndent, style)}");
                continue;
            }
            if (JsonNode.DeepEquals(old, value))
                continue;
            var member = layout.Members.Last(m => m.Name == key);
            if (old is JsonObject oldObject && value is JsonObject newObject && bytes[member.ValueStart] == (byte)'{')
                Patch(bytes, ObjectLayout.Read(bytes, member.ValueStart), oldObject, newObject, memberIndent, style, edits);
            else
                edits.Add(new Edit(member.ValueStart, member.ValueEnd, Render(value, memberIndent, style)));
        }
        if (added.Count == 0)
            return;
        var separator = "," + style.NewLine + memberIndent;
        if (layout.Members.Count > 0)
            edits.Add(new Edit(layout.Members[^1].ValueEnd, layout.Members[^1].ValueEnd, separator + string.Join(separator, added)));
        else
            edits.Add(new Edit(layout.Start, layout.End, "{" + style.NewLine + memberIndent + string.Join(separator, added) + style.NewLine + indent + "}"));
    }

    /// <summary>A value as the file would show it at a member indented by <paramref name="memberIndent"/>.</summary>
    static string Render(JsonNode? value, string memberIndent, Style style)
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            IndentCharacter = style.Unit[0],
            IndentSize = style.Unit.Length,
            NewLine = style.NewLine,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        var text = value?.ToJsonString(options) ?? "null";
        return text.Replace(style.NewLine, style.NewLine + memberIndent, StringComparison.Ordinal);
    }

    static string Quote(string key) => JsonValue.Create(key).ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The whitespace from the start of the line to <paramref name="position"/>, or null when other text comes first.</summary>
    static string? LineIndent(byte[] bytes, int position)
    {
        var start = position;
        while (start > 0 && bytes[start - 1] is (byte)' ' or (byte)'\t')
            start--;
        return start > 0 && bytes[start - 1] != (byte)'\n' ? null : Encoding.ASCII.GetString(bytes, start, position - start);
    }

    static int FirstNonSpace(byte[] bytes)
    {
        var index = bytes.AsSpan().IndexOfAnyExcept(" \t\r\n\uFEFF"u8);
        return index < 0 ? 0 : index;
    }

    /// <summary>Where an object's members lie in the text: byte offsets of each name and value, and of the braces.</summary>
    sealed record ObjectLayout(int Start, int End, IReadOnlyList<MemberLayout> Members)
    {
        public static ObjectLayout Read(byte[] bytes, int start)
        {
            var reader = new Utf8JsonReader(bytes.AsSpan(start));
            reader.Read();
            var members = new List<MemberLayout>();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                var nameStart = start + (int)reader.TokenStartIndex;
                reader.Read();
                var valueStart = start + (int)reader.TokenStartIndex;
                reader.Skip();
                members.Add(new MemberLayout(name, nameStart, valueStart, start + (int)reader.BytesConsumed));
            }
            return new ObjectLayout(start, start + (int)reader.BytesConsumed, members);
        }
    }

    sealed record MemberLayout(string Name, int NameStart, int ValueStart, int ValueEnd);
}
