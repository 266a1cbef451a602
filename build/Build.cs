using SevStack.Engine.Hosting;

namespace SevStack.Build;

/// <summary>SevStack's targets, split by stage over the Build.*.cs files.</summary>
sealed partial class Build : BuildBase
{
    public static int Main(string[] args) => BuildHost.Execute<Build>(args, new HostSettings
    {
        DefaultProfiles = ["debian"],
    });
}
