using SevStack.Engine.Caching;

namespace SevStack.Engine.Tests.Caching;

public sealed class ManifestDiffTests
{
    static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) => fields.ToDictionary(f => f.Name, f => f.Value);

    [Fact]
    public void Lists_say_which_item_changed_was_added_or_removed_or_that_only_the_order_changed()
    {
        var before = Fields(("inputs.patches", "a.patch sha256:1\nb.patch sha256:2"), ("inputs.order", "a.patch sha256:1\nb.patch sha256:2"));
        var now = Fields(("inputs.patches", "a.patch sha256:9\nc.patch sha256:3"), ("inputs.order", "b.patch sha256:2\na.patch sha256:1"));

        Assert.Equal(
            [
                "inputs.order: order changed: \"a.patch sha256:1, b.patch sha256:2\" → \"b.patch sha256:2, a.patch sha256:1\"",
                "inputs.patches: c.patch added \"c.patch sha256:3\"",
                "inputs.patches: b.patch removed (was \"b.patch sha256:2\")",
                "inputs.patches: a.patch changed \"a.patch sha256:1\" → \"a.patch sha256:9\"",
            ],
            ManifestDiff.Describe(before, now));
    }

    [Fact]
    public void Scalars_show_both_values_and_added_or_removed_fields_are_named()
    {
        var before = Fields(("tools.gcc", "gcc 13.2.0"), ("inputs.old", "x"), ("inputs.source", new string('a', 64)));
        var now = Fields(("tools.gcc", "gcc 14.2.0"), ("inputs.new", "y"), ("inputs.source", new string('a', 64)));

        Assert.Equal(
            ["inputs.new: added \"y\"", "inputs.old: removed (was \"x\")", "tools.gcc: \"gcc 13.2.0\" → \"gcc 14.2.0\""],
            ManifestDiff.Describe(before, now));
    }

    [Fact]
    public void Long_values_that_differ_only_at_their_end_are_shown_in_full()
    {
        var url = "https://cdn.kernel.org/pub/linux/kernel/v6.x/linux-6.12.10.tar.xz#sha256=" + new string('a', 63);
        var before = Fields(("inputs.source", url + "1"), ("upstream.BuildKernel", new string('5', 63) + "1"));
        var now = Fields(("inputs.source", url + "2"), ("upstream.BuildKernel", new string('5', 63) + "2"));

        Assert.Equal(
            [$"inputs.source: \"{url}1\" → \"{url}2\"", $"upstream.BuildKernel: \"{new string('5', 63)}1\" → \"{new string('5', 63)}2\""],
            ManifestDiff.Describe(before, now));
    }

    [Fact]
    public void A_manifest_reads_back_into_the_same_fields()
    {
        var manifest = new CacheManifest("BuildQemu", "qemu-1",
            new Dictionary<string, string> { ["source"] = "abc", ["flags"] = "--enable-kvm" },
            new Dictionary<string, string> { ["gcc"] = "gcc 14" },
            new Dictionary<string, string> { ["BuildKernel"] = "0123" });

        Assert.Equal(manifest.Fields(), CacheManifest.ReadFields(manifest.ToJson()));
        Assert.Equal(manifest.Key, new CacheManifest("BuildQemu", "qemu-1",
            new Dictionary<string, string> { ["flags"] = "--enable-kvm", ["source"] = "abc" },
            new Dictionary<string, string> { ["gcc"] = "gcc 14" },
            new Dictionary<string, string> { ["BuildKernel"] = "0123" }).Key);
    }
}
