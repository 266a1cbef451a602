using System.Globalization;

namespace SevStack.Components.Kernel;

/// <summary>The variables that make a kernel build and its packages depend on the sources, not on the build machine.</summary>
public static class ReproducibleKernelEnvironment
{
    public static Dictionary<string, string?> For(KernelBuildRequest request, string packageVersion)
    {
        var date = request.SourceDate.ToUniversalTime();
        return new Dictionary<string, string?>
        {
            ["KBUILD_BUILD_TIMESTAMP"] = date.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture),
            ["KBUILD_BUILD_USER"] = request.BuildUser,
            ["KBUILD_BUILD_HOST"] = request.BuildHost,
            ["SOURCE_DATE_EPOCH"] = date.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["KDEB_PKGVERSION"] = packageVersion,
            ["DEBEMAIL"] = request.MaintainerEmail,
            ["DEBFULLNAME"] = request.MaintainerName,
        };
    }
}
