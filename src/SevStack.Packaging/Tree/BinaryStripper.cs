using SevStack.Toolkit.Processes;

namespace SevStack.Packaging.Tree;

/// <summary>Strips linked ELF files the way dh_strip does, dropping debug info and the build-specific .comment/.note sections.</summary>
public sealed class BinaryStripper(ICommandRunner runner)
{
    public async Task StripAsync(string path, ElfKind kind, CancellationToken cancellationToken = default)
    {
        string[] arguments = kind == ElfKind.SharedObject
            ? ["--remove-section=.comment", "--remove-section=.note", "--strip-unneeded", path]
            : ["--remove-section=.comment", "--remove-section=.note", path];
        await runner.RunAsync(new CommandSpec("strip", arguments), cancellationToken).ConfigureAwait(false);
    }
}
