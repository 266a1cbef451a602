using SevStack.Toolkit;

namespace SevStack.Docker;

/// <summary>What ConfigureDocker does with Docker's default runtime (<c>--default-runtime</c>, <c>--replace-default-runtime</c>).</summary>
public enum DefaultRuntimeChoice
{
    /// <summary>Register the runtime only.</summary>
    Leave,
    /// <summary>Make it the default where none is set; a default the user set is refused, never replaced silently.</summary>
    SetUnlessChosen,
    /// <summary>Make it the default, replacing one the user set.</summary>
    Replace,
}

public static class DefaultRuntimeChoices
{
    public static DefaultRuntimeChoice From(bool makeDefault, bool replace) =>
        !makeDefault ? DefaultRuntimeChoice.Leave : replace ? DefaultRuntimeChoice.Replace : DefaultRuntimeChoice.SetUnlessChosen;

    /// <summary>Throws when <paramref name="current"/> (the default set in <paramref name="where"/>) would be replaced without being asked to.</summary>
    public static void RefuseSilentReplacement(this DefaultRuntimeChoice choice, string? current, string where, string runtimeName)
    {
        if (choice == DefaultRuntimeChoice.SetUnlessChosen && current is not null && current != runtimeName)
            throw new BuildException($"{where} already makes \"{current}\" Docker's default runtime; ConfigureDocker does not replace it silently: " +
                $"pass --replace-default-runtime to make {runtimeName} the default, or --default-runtime false to register {runtimeName} beside it (nothing was changed)");
    }
}
