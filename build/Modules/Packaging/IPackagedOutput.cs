namespace SevStack.Build.Modules.Packaging;

/// <summary>A later stage whose output PackageDebs packages when that stage's target is in the same run (e.g. Kata).</summary>
interface IPackagedOutput
{
    OptionalPackage Package { get; }
}
