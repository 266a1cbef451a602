using SevStack.Kata.Config;

namespace SevStack.Kata.Tests.Config;

public class TomlConfigDocumentTests
{
    [Fact]
    public void A_missing_key_goes_after_the_last_key_before_the_comments_of_the_next_section()
    {
        var config = TomlConfigDocument.Parse("[a]\nx = 1 # keep\n\n# about b\n[b]\ny = \"v\"\n", "t.toml");
        Assert.True(config.Set("a", "z", TomlScalar.Of(true)));
        Assert.Equal("[a]\nx = 1 # keep\nz = true\n\n# about b\n[b]\ny = \"v\"\n", config.ToString());
    }

    [Fact]
    public void An_existing_value_keeps_its_spacing_and_trailing_comment()
    {
        var config = TomlConfigDocument.Parse("[a]\nx=\"old\"   # why\n", "t.toml");
        Assert.True(config.Set("a", "x", TomlScalar.Of("new")));
        Assert.False(config.Set("a", "x", TomlScalar.Of("new")));
        Assert.Equal("[a]\nx=\"new\"   # why\n", config.ToString());
    }

    [Fact]
    public void A_missing_table_is_added_at_the_end()
    {
        var config = TomlConfigDocument.Parse("[a]\nx = 1\n", "t.toml");
        config.Set("hypervisor.qemu", "kernel_params", TomlScalar.Of("a b"));
        Assert.Equal("[a]\nx = 1\n\n[hypervisor.qemu]\nkernel_params = \"a b\"\n", config.ToString());
    }

    [Fact]
    public void Comment_out_then_set_again_restores_the_key_in_place()
    {
        var config = TomlConfigDocument.Parse("[a]\nx = 1\nimage = \"i\"\ny = 2\n", "t.toml");
        Assert.True(config.CommentOut("a", "image"));
        Assert.Equal("[a]\nx = 1\n#image = \"i\"\ny = 2\n", config.ToString());
        Assert.True(config.Set("a", "image", TomlScalar.Of("j")));
        Assert.Equal("[a]\nx = 1\nimage = \"j\"\ny = 2\n", config.ToString());
    }
}
