using SevStack.Engine.Processes;

namespace SevStack.Kata.Docker;

/// <summary>One step of installing Docker; each can describe itself for a dry run.</summary>
public abstract record DockerInstallStep
{
    public abstract string Describe();
}

public sealed record RunCommandStep(CommandSpec Command) : DockerInstallStep
{
    public override string Describe() => Command.Describe();
}

/// <summary>Writes a file (path as on the configured system).</summary>
public sealed record WriteFileStep(string Path, string Content) : DockerInstallStep
{
    public override string Describe() => $"write {Path}:\n{Content}";
}

/// <summary>Refuses a downloaded apt key unless its primary key has the expected fingerprint.</summary>
public sealed record VerifyKeyStep(string KeyPath, string Fingerprint) : DockerInstallStep
{
    public override string Describe() => $"gpg --show-keys --with-colons {KeyPath}  (primary key must be {Fingerprint})";
}
