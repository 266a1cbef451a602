using SevStack.Checks.Probes;
using SevStack.Checks.Tests.Support;

namespace SevStack.Checks.Tests.Host;

public sealed class QmpRepliesTests
{
    [Theory]
    [InlineData("qmp-query-sev-capabilities.json", 47, 1, true)]
    [InlineData("qmp-query-sev-capabilities-qemu6.json", 47, 5, false)]
    public void Documented_replies_read_in_both_shapes(string sample, int cbitpos, int reducedPhysBits, bool hasCpu0Id)
    {
        var reply = Assert.Single(QmpReplies.Parse(File.ReadAllText(HostTree.Sample(sample))).Responses);
        var capabilities = SevCapabilities.FromReply(reply);

        Assert.True(capabilities.Supported);
        Assert.Equal((cbitpos, reducedPhysBits, hasCpu0Id), (capabilities.Cbitpos!.Value, capabilities.ReducedPhysBits!.Value, capabilities.HasCpu0Id));
    }

    [Fact]
    public void A_reply_without_capabilities_is_an_error_not_a_crash()
    {
        var reply = Assert.Single(QmpReplies.Parse(File.ReadAllText(HostTree.Sample("qmp-query-sev.json"))).Responses);

        var capabilities = SevCapabilities.FromReply(reply);

        Assert.False(capabilities.Supported);
    }

    [Fact]
    public void Text_after_the_replies_keeps_what_was_read()
    {
        var replies = QmpReplies.Parse("{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 8}, \"package\": \"\"}}}\n" +
                                       "{\"return\": {}, \"id\": \"caps\"}\nqemu-system-x86_64: warning: host doesn't support requested feature\n");

        Assert.Equal("8.2.0", replies.Version);
        Assert.NotNull(replies.Reply("caps"));
        Assert.Null(replies.Reply("sev"));
    }
}
