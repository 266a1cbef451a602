using SevStack.Toolkit.Processes;

namespace SevStack.Engine.Tests;

public class PrivilegeTests
{
    [Fact]
    public void Root_runs_commands_as_they_are()
    {
        var spec = new CommandSpec("apt-get", "install", "x") { NeedsRoot = true, Environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" } };

        Assert.Same(spec, new Privilege(IsRoot: true).Elevate(spec));
    }

    [Fact]
    public void A_normal_user_goes_through_sudo_and_keeps_the_command_environment()
    {
        var spec = new CommandSpec("apt-get", "install", "x")
        {
            NeedsRoot = true,
            Environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive", ["APT_CONFIG"] = null },
        };

        var elevated = new Privilege(IsRoot: false).Elevate(spec);

        Assert.Equal("sudo -n -- env -u APT_CONFIG DEBIAN_FRONTEND=noninteractive apt-get install x", elevated.Describe());
    }

    [Fact]
    public void Commands_that_need_no_root_are_left_alone()
    {
        var spec = new CommandSpec("git", "status");

        Assert.Same(spec, new Privilege(IsRoot: false).Elevate(spec));
    }
}
