using SevStack.Host;

namespace SevStack.Build;

/// <summary>
/// SevStack's build: composes the stage modules (each owns its parameters, targets and outputs) and owns only what all
/// of them share. The properties are declared in the order --help lists the modules' targets; they are built in the
/// order the modules depend on each other.
/// </summary>
class Build : BuildBase, IStackSettings
{
    public static int Main(string[] args) => BuildHost.Execute<Build>(args, new HostSettings
    {
        DefaultProfiles = ["debian"],
    });

    public Build()
    {
        Toolchain = new ToolchainModule(this);
        Sources = new SourcesModule(this, Toolchain);
        Kernel = new KernelModule(this, Sources, Toolchain);
        Qemu = new QemuModule(this, Sources, Toolchain);
        Ovmf = new OvmfModule(this, Sources, Toolchain);
        Smoke = new SmokeBootModule(this, Sources, Toolchain, Kernel, Qemu, Ovmf);
        Measure = new MeasureModule(this, Ovmf);
        Packaging = new PackagingModule(this, Sources, Kernel, Qemu, Ovmf, Toolchain);
        Host = new HostModule(this, Packaging);
        Installer = new InstallerModule(this, Packaging, Host);
        Kata = new KataModule(this, Host);
        KataStage = new KataStageModule(this, Sources, Toolchain, Kata, Packaging);
        Docker = new DockerModule(this, Host, Kata);
        Checks = new ChecksModule(this);
        Launch = new LaunchModule(this, Checks);
        Setup = new SetupModule(Host, Kata, KataStage, Docker, Checks);
        Cache = new CacheModule(this);
        Test = new TestModule(this);
    }

    [Parameter("Install prefix of the QEMU and OVMF packages (/usr/local as in the seed, or /opt/sevstack)")]
    public InstallPrefixSetting InstallPrefix { get; init; } = InstallPrefixSetting.Parse("/opt/sevstack", null);

    [Parameter("Install into this root filesystem (a debootstrapped tree or an image) instead of this machine; nothing outside it is touched")]
    public string Sysroot { get; init; } = "/";

    [Parameter("Maintainer of our packages and of the kernel packages, as \"Name <email>\" (the default's .invalid domain says nobody reads it)")]
    public PackageMaintainer Maintainer { get; init; } = PackageMaintainer.Parse("SevStack <sevstack@sevstack.invalid>", null);

    public TargetRoot TargetRoot => new(Sysroot);

    internal CacheModule Cache { get; }
    internal ChecksModule Checks { get; }
    internal LaunchModule Launch { get; }
    internal ToolchainModule Toolchain { get; }
    internal KernelModule Kernel { get; }
    internal QemuModule Qemu { get; }
    internal OvmfModule Ovmf { get; }
    internal SmokeBootModule Smoke { get; }
    internal MeasureModule Measure { get; }
    internal HostModule Host { get; }
    internal InstallerModule Installer { get; }
    internal KataModule Kata { get; }
    internal DockerModule Docker { get; }
    internal KataStageModule KataStage { get; }
    internal PackagingModule Packaging { get; }
    internal SetupModule Setup { get; }
    internal SourcesModule Sources { get; }
    internal TestModule Test { get; }
}
