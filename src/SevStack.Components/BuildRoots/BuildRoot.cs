namespace SevStack.Components.BuildRoots;

/// <summary>A made build root: the folder that is / for the commands run in it, and the recipe it was made from.</summary>
public sealed record BuildRoot(string Directory, BuildRootRecipe Recipe)
{
    /// <summary>Written last when the root is complete; a root without it is unfinished and made again.</summary>
    public const string StampName = ".sevstack-build-root";

    public string StampPath => Path.Combine(Directory, StampName);

    /// <summary>Where a path inside the root is on this machine.</summary>
    public string Map(string absolutePath) => Directory + absolutePath;

    public bool IsMade => File.Exists(StampPath) && File.ReadAllText(StampPath).Trim() == Recipe.Identity;
}
