namespace SevStack.Packaging.Inputs;

/// <summary>A package `make bindeb-pkg` produced, named by its exact path (never found by a glob).</summary>
public sealed record KernelDebInput(string Path, PackageSourceInfo Source, string CacheKey);
