using SevStack.Sources.Identity;
using SevStack.Testing;

namespace SevStack.Sources.Tests;

public class SourceIdentityTests
{
    static SourceIdentity Sample(params PatchIdentity[] patches) =>
        new("git", "https://gitlab.com/qemu-project/qemu.git", "0123456789abcdef0123456789abcdef01234567", null, patches,
            DateTimeOffset.FromUnixTimeSeconds(1725000000));

    [Fact]
    public void Canonical_form_is_stable()
    {
        var identity = Sample(new PatchIdentity("0001-sev.patch", new string('1', 64)), new PatchIdentity("0002-fix.patch", new string('2', 64)));
        Approved.Verify(identity.Canonical() + "\n" + identity.Key(), "canonical");
    }

    [Fact]
    public void Equal_content_gives_equal_identity_and_key()
    {
        var a = Sample(new PatchIdentity("p", new string('1', 64)));
        var b = Sample(new PatchIdentity("p", new string('1', 64)));
        Assert.Equal(a, b);
        Assert.Equal(a.Key(), b.Key());
        Assert.Equal(1725000000, a.SourceDateEpoch);
    }

    [Fact]
    public void Patch_order_changes_the_key()
    {
        var one = new PatchIdentity("a.patch", new string('1', 64));
        var two = new PatchIdentity("b.patch", new string('2', 64));
        Assert.NotEqual(Sample(one, two).Key(), Sample(two, one).Key());
    }

    [Fact]
    public void Source_date_is_not_part_of_the_key()
    {
        var identity = Sample();
        Assert.Equal(identity.Key(), (identity with { SourceDate = null }).Key());
        Assert.DoesNotContain("1725000000", identity.Canonical());
    }
}
