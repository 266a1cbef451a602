using SevStack.Toolkit;
using SevStack.Sources.Specs;

namespace SevStack.Sources.Tests;

public class SourceSpecTests
{
    [Fact]
    public void Parses_git_https_with_tag()
    {
        var spec = Assert.IsType<GitSourceSpec>(SourceSpec.Parse("git+https://gitlab.com/qemu-project/qemu.git#v9.1.0"));
        Assert.Equal("https://gitlab.com/qemu-project/qemu.git", spec.Url);
        Assert.Equal("v9.1.0", spec.Ref);
        Assert.False(spec.IsCommitSha);
    }

    [Fact]
    public void Parses_git_file_with_full_sha()
    {
        var spec = Assert.IsType<GitSourceSpec>(SourceSpec.Parse("git+file:///srv/edk2#75b7aa9528bd1b1e6f4a4f40a6e5e8b2a54f7c1b"));
        Assert.Equal("file:///srv/edk2", spec.Url);
        Assert.True(spec.IsCommitSha);
    }

    [Fact]
    public void Parses_pinned_https_tarball()
    {
        var hash = new string('a', 64);
        var spec = Assert.IsType<TarballSourceSpec>(SourceSpec.Parse($"https://download.qemu.org/qemu-9.1.0.tar.xz#sha256={hash.ToUpperInvariant()}"));
        Assert.Equal(hash, spec.Sha256);
        Assert.Equal("qemu-9.1.0.tar.xz", spec.FileName);
        Assert.False(spec.IsLocalFile);
    }

    [Fact]
    public void Parses_local_tarball_without_pin()
    {
        var spec = Assert.IsType<TarballSourceSpec>(SourceSpec.Parse("file:///tmp/src/linux-6.11.tar.gz"));
        Assert.Null(spec.Sha256);
        Assert.True(spec.IsLocalFile);
    }

    [Theory]
    [InlineData("apt:qemu", "qemu", null, false)]
    [InlineData("apt:qemu=1:7.2+dfsg-7", "qemu", "1:7.2+dfsg-7", false)]
    [InlineData("apt:linux", "linux", null, true)]
    public void Parses_apt(string text, string package, string? version, bool kernel)
    {
        var spec = Assert.IsType<AptSourceSpec>(SourceSpec.Parse(text));
        Assert.Equal(package, spec.Package);
        Assert.Equal(version, spec.Version);
        Assert.Equal(kernel, spec.IsKernel);
    }

    [Fact]
    public void Parses_dir()
    {
        var spec = Assert.IsType<DirectorySourceSpec>(SourceSpec.Parse("dir:/home/me/linux/"));
        Assert.Equal("/home/me/linux", spec.Path);
    }

    [Theory]
    [InlineData("git+https://example.org/x.git", "needs a ref")]
    [InlineData("git+http://example.org/x.git#v1", "https:// or file:///")]
    [InlineData("http://example.org/x.tar.xz#sha256=00", "plain http")]
    [InlineData("https://example.org/x.tar.xz#sha256=1234", "not a sha256")]
    [InlineData("https://example.org/x.zip", "not a supported archive")]
    [InlineData("apt:Qemu", "not a Debian package name")]
    [InlineData("dir:relative/path", "absolute path")]
    [InlineData("svn://example.org/x", "unknown source kind")]
    public void Rejects_bad_input_naming_the_value_and_the_accepted_forms(string text, string problem)
    {
        var error = Assert.Throws<BuildException>(() => SourceSpec.Parse(text));
        Assert.Contains($"'{text}'", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Contains("Accepted forms", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
