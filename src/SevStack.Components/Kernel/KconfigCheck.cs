namespace SevStack.Components.Kernel;

/// <summary>How strictly a requested option is verified after <c>make olddefconfig</c>.</summary>
public enum KconfigCheck
{
    Required,
    /// <summary>Only when the source tree declares the option (it exists in some kernel versions only).</summary>
    WhereDeclared,
    /// <summary>A helper edit that serves another option (e.g. a choice member); its own outcome does not matter.</summary>
    NotChecked,
}
