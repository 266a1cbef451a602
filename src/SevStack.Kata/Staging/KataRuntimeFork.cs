using SevStack.Toolkit;

namespace SevStack.Kata.Staging;

/// <summary>The seed's Kata 1.x SEV runtime: AMD's fork of kata-containers/runtime, branch sev-v1.1.0, which is gone upstream.</summary>
public static class KataRuntimeFork
{
    public const string ParameterFlag = "--kata-runtime-source";

    /// <summary>Where the runtime's Go code expects to sit in a GOPATH (its import path).</summary>
    public const string ImportPath = "github.com/kata-containers/runtime";

    /// <summary>The spec given with <see cref="ParameterFlag"/>, or the one-line error saying why there is no default.</summary>
    public static string RequireSource(string? spec) => string.IsNullOrWhiteSpace(spec) ? throw new BuildException(MissingSource) : spec;

    /// <summary>Why there is no default source: one line naming the flag.</summary>
    public static string MissingSource =>
        $"Kata 1.x needs AMD's SEV runtime fork, but AMDESE/runtime (branch sev-v1.1.0) no longer exists upstream; point {ParameterFlag} at a mirror of it (git+file:///path/runtime.git#sev-v1.1.0, git+https://host/runtime.git#<ref>, or https://…/runtime.tar.gz#sha256=<hex>)";
}
