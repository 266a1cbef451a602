using SevStack.Components.Ovmf;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Components.Tests.Ovmf;

/// <summary>
/// In a build root, OVMF's tools are looked up in the root's file system and run by their path inside it (the runner
/// runs each command in the root): the root's nasm counts, this machine's does not.
/// </summary>
public sealed class OvmfToolVersionsInRootTests
{
    sealed class RecordingRunner : ICommandRunner
    {
        public List<CommandSpec> Commands { get; } = [];
        public bool IsDryRun => false;

        public Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
        {
            Commands.Add(spec);
            var output = spec.Program.EndsWith("/nasm", StringComparison.Ordinal) ? "NASM version 2.16.03" : "ASL+ Optimizing Compiler/Disassembler version 20250404";
            return Task.FromResult(new CommandResult(0, output, "", TimeSpan.Zero));
        }
    }

    [Fact]
    public async Task The_tools_are_found_in_the_root_and_run_by_their_path_inside_it()
    {
        using var root = new TempDirectory("sevstack-ovmf-root");
        Fixture.Script(root.Combine("usr", "bin", "nasm"), "#!/bin/sh\n");
        Fixture.Script(root.Combine("usr", "bin", "iasl"), "#!/bin/sh\n");
        var runner = new RecordingRunner();

        await new OvmfToolVersions(runner).CheckAsync("/usr/local/bin:/usr/bin:/bin", CancellationToken.None, root.Path);

        Assert.Equal(["/usr/bin/nasm", "/usr/bin/iasl"], runner.Commands.Select(c => c.Program));
    }

    [Fact]
    public async Task A_tool_missing_in_the_root_is_missing_even_where_this_machine_has_one()
    {
        using var root = new TempDirectory("sevstack-ovmf-root");
        using var machine = new TempDirectory("sevstack-ovmf-machine");
        Fixture.Script(root.Combine("usr", "bin", "nasm"), "#!/bin/sh\n");
        Fixture.Script(machine.Combine("bin", "iasl"), "#!/bin/sh\n");

        await Assert.ThrowsAsync<ToolNotFoundException>(() =>
            new OvmfToolVersions(new RecordingRunner()).CheckAsync("/usr/bin:" + machine.Combine("bin"), CancellationToken.None, root.Path));
    }
}
