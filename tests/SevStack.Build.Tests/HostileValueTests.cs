using System.Text.RegularExpressions;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>
/// Every parameter in README's tables, given every hostile value we could think of: exit 2 with one line naming the flag,
/// before any target runs (no artifacts folder appears). Values that land in files (units, TOML, JSON, GRUB, package
/// fields, command lines) have types of their own; the rest are paths or texts passed as one argument, which still refuse
/// what no value may hold (a control character such as a newline, or nothing at all).
/// </summary>
public partial class HostileValueTests
{
    /// <summary>Refused for every parameter, whatever its type.</summary>
    static readonly string[] NoParameterTakes = ["a\nb", "kata\nExecStartPre=/bin/sh -c id", "a\rb", "\t", "a\u0000b", "a\u001b[2Jb", "", "   "];

    static readonly string Huge = new('a', 5000);
    static readonly string HugeNumber = "9" + new string('9', 30);

    static readonly string[] Switch = ["maybe", "=", "'true'", "\"on\"", "-1", "2", "../x", "true false"];
    static readonly string[] Choice = ["floppy", "a b", "=", "'kata'", "-1", "../x", HugeNumber, "sev sev"];
    static readonly string[] Source = ["http://example.org/x.tar.xz", "foo", "apt:Bad Name", "dir:relative", "../x", "'apt:linux'", "=", "-1", "git+https://example.org/x.git"];
    static readonly string[] WebUrl = ["ftp://example.org/x", "a b", "https://example.org/ y", "\"https://example.org\"", "../x", "=", "-1", "file:///etc", "https://"];
    static readonly string[] KataPath = ["relative/path", "../x", "/a/../b", "/a/./b", "/a\"b", "/a'b", "/a\\b", "=", "-1"];

    static string[] Number(params string[] more) => ["-1", "-5", HugeNumber, "1 2", "=", "'4'", "0x10", "1.5", "../x", "four", .. more];

    /// <summary>Extra hostile values of each parameter on top of <see cref="NoParameterTakes"/>, and one value it accepts.</summary>
    static readonly Dictionary<string, (string[] Hostile, string Accepted)> Table = new()
    {
        ["--kernel-source"] = (Source, "apt:linux"),
        ["--guest-kernel-source"] = (Source, "git+https://example.org/linux.git#v6.1"),
        ["--qemu-source"] = (Source, "apt:qemu=1:7.2+dfsg-7"),
        ["--ovmf-source"] = (Source, "dir:/tmp"),
        ["--kata-runtime-source"] = (Source, "https://example.org/runtime.tar.gz#sha256=" + new string('a', 64)),
        ["--update-lock"] = (Switch, "true"),
        ["--allow-unpinned"] = (Switch, "false"),
        ["--discard-local-changes"] = (Switch, "yes"),
        ["--github-api-url"] = (WebUrl, "http://127.0.0.1:8080/api/"),
        ["--github-token"] = ([], "ghp_x"),
        ["--kernel-config"] = (["foo", "file:/nonexistent/kernel.config", "file:", "'running'", "../x", "=", "-1", "running defconfig"], "tinyconfig"),
        ["--kernel-modules"] = (["/nonexistent/lsmod.txt", "/etc/os-release", "/etc", "relative/lsmod.txt", "../x", "=", "-1"], KernelConfigParameterTests.EpycServerLsmod),
        ["--amd-mem-encrypt-active-by-default"] = (Switch, "on"),
        ["--kernel-sev-level"] = (Choice, "snp"),
        ["--kernel-local-version"] = (["-SEV", "a b", "-sev\"", "../x", "a=b", "-sev/x", "$(id)", Huge], "-sev2"),
        ["--install-prefix"] = (["/usr", "/", "relative", "/opt", "/opt/a b", "/opt/../etc", "/opt/x'", "/opt/x;id", "=", "-1", "/usr/local/$(id)"], "/usr/local"),
        ["--ovmf-variant"] = (Choice, "amd-sev"),
        ["--ovmf-build-type"] = (Choice, "debug"),
        ["--ovmf-grub-modules"] = (KataPath, "/usr/lib/grub/x86_64-efi"),
        ["--ovmf-sevsecret"] = (Choice, "omitted"),
        ["--ovmf-sev-level"] = (Choice, "snp"),
        ["--allow-old-edk2"] = (Switch, "true"),
        ["--measure-modes"] = (["floppy", "=", "'sev'", "-1", "../x", HugeNumber, "tdx"], "sev-es sev-snp"),
        ["--measure-vcpus"] = (Number("0", "513"), "4"),
        ["--measure-vcpu-type"] = (["Pentium", "EPYC v4", "=", "'EPYC'", "../x", "-1", Huge], "EPYC-Milan"),
        ["--measure-guest-features"] = (["0x20", "0", "-1", "0xZZ", "0x", "1 2", "=", "'1'", HugeNumber, "../x"], "0x21"),
        ["--measure-kernel"] = (KataPath, "/boot/vmlinuz"),
        ["--measure-initrd"] = (KataPath, "/boot/initrd.img"),
        ["--measure-cmdline"] = (["a\"b", "$(reboot)", "`reboot`", "a;b", "'x'", "a\\b", "x|y", "a&b"], "console=ttyS0 loglevel=7"),
        ["--jobs"] = (Number("0", "5000"), "8"),
        ["--ccache"] = (Switch, "off"),
        ["--maintainer"] = (["Jane", "<a@b.org>", "Jane <a@b.org>, Joe <c@d.org>", "Jane \"x\" <a@b.org>", "Jane <a b@c.org>", "=", "../x", "-1"], "Jane Doe <jane@example.org>"),
        ["--build-suffix"] = (["a b", "a-b", "-x", "a=b", "../x", "\"x\"", "x'", Huge], "sevstack2~bpo1"),
        ["--signing-key"] = (["-x", "--homedir=/tmp", "a b", "'k'", "../x", "=", "ABCD"], "0x0123456789ABCDEF"),
        ["--linux-libc-dev"] = (Switch, "1"),
        ["--host-packages"] = (["-x", "Bad", "a=b", "../x", "'p'", "a/b", "x;id", "\"p\""], "linux-image-6.1.0-sev sevstack-qemu"),
        ["--debs"] = ([], "/tmp/debs dir"),
        ["--grub-default"] = (Choice, "once"),
        ["--allow-unbootable-kernel-default"] = (Switch, "true"),
        ["--sev-es"] = (Switch, "true"),
        ["--sev-snp"] = (Switch, "true"),
        ["--kernel-cmdline"] = (["a\"b", "$(reboot)", "`reboot`", "a;b", "'x'", "a\\b", "x|y", "a&b", "\"mem_encrypt=on\""], "mem_encrypt=on kvm_amd.sev=1 console=ttyS0,115200n8"),
        ["--host-root"] = ([], "/tmp/host root"),
        ["--guest-root"] = ([], "/tmp"),
        ["--kernel-log"] = ([], "/tmp/dmesg.txt"),
        ["--output"] = (Choice, "json"),
        ["--qemu-binary"] = ([], "qemu-system-x86_64"),
        ["--sev-level"] = (Choice, "sev-snp"),
        ["--guest-disk"] = ([], "/tmp/disk,file=x.qcow2"),
        ["--guest-name"] = (["a b", "../x", "a/b", "=", "'x'", "-x", ".x", Huge], "sev-guest.1"),
        ["--guest-memory"] = (Number("0", "63", "99999999"), "4096"),
        ["--guest-cpus"] = (Number("0", "1025"), "2"),
        ["--sev-policy"] = (["-1", "0xZZ", "0x", "1 2", "=", "'1'", HugeNumber, "0x1ffffffffffffffff", "../x"], "0x5"),
        ["--cbit-position"] = (Number("0", "31", "64"), "51"),
        ["--ovmf-code"] = ([], "/tmp/OVMF_CODE.fd"),
        ["--ovmf-vars"] = ([], "/tmp/OVMF_VARS.fd"),
        ["--ovmf-snp"] = ([], "/tmp/OVMF.fd"),
        ["--user-network"] = (Switch, "true"),
        ["--print"] = (Switch, "true"),
        ["--sysroot"] = ([], "/tmp/root"),
        ["--kata-generation"] = ([.. Choice, "2", "v2"], "1"),
        ["--kata-version"] = (["latest", "3", "v3.18.0", "3.18.0/../..", "../x", "=", "-1", "'3.18.0'", "3.18.0 3.19.0", "3.-1.0"], "3.18.0"),
        ["--kata-apt-repository"] = (["ftp://example.org/x", "a b", "relative", "../x", "=", "\"https://example.org\""], "file:///srv/kata"),
        ["--kata-apt-key-fingerprint"] = (["abc", "=", "../x", "'x'", "-1", new string('A', 41), new string('G', 40)], "0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567"),
        ["--kata-confidential"] = (Choice, "snp"),
        ["--kata-config-output"] = (Choice, "full-file"),
        ["--swiotlb"] = (Number("0", "99999999"), "262144"),
        ["--block-device-driver"] = (Choice, "virtio-blk"),
        ["--kata-debug"] = (Switch, "true"),
        ["--kata-hypervisor"] = (KataPath, "/opt/sevstack/kata/bin/qemu-system-x86_64"),
        ["--kata-kernel"] = (KataPath, "/opt/kata/share/kata-containers/vmlinuz"),
        ["--kata-image"] = (KataPath, "/opt/kata/share/kata-containers/kata.img"),
        ["--kata-initrd"] = (KataPath, "/opt/kata/share/kata-containers/kata.initrd"),
        ["--kata-firmware"] = (KataPath, "/opt/sevstack/share/sevstack-ovmf/AMDSEV.fd"),
        ["--docker-config"] = (Choice, "drop-in"),
        ["--docker-package"] = (Choice, "docker.io"),
        ["--docker-repository"] = (WebUrl, "https://mirror.example.org/docker/debian"),
        ["--runtime-name"] = (["kata sev", "kata=x", "Kata", "runc", "default", "\"k\"", "'k'", "../x", "a/b", "-x", ".x", "kata\\x", Huge], "sev-runtime"),
        ["--default-runtime"] = (Switch, "false"),
        ["--replace-default-runtime"] = (Switch, "true"),
        ["--smoke-image"] = (["a b", "-x", "busybox;id", "'busybox'", "Busy Box", "busybox:", "../x", "="], "busybox:1.36"),
        ["--docker-host"] = (["a b", "http://x", "unix://relative.sock", "tcp://", "'unix:///x'", "-H", "=", "../x"], "unix:///run/docker.sock"),
        ["--test-suite"] = (Choice, "e2e"),
        ["--test-filter"] = ([], "FullyQualifiedName~Planner"),
        ["--build-release"] = (["trixie", "debian", "debian-13 ", "Debian-13", "../x", "-x", HugeNumber], "debian-13"),
        ["--build-root-mirror"] = (WebUrl, "http://mirror.example.org/debian"),
        ["--cache-keep"] = (Number(), "0"),
        ["--cache-max-mib"] = (Number(), "0"),
    };

    public static TheoryData<string> Flags => new(Table.Keys);

    [Fact]
    public void The_table_holds_every_parameter_of_the_readme_and_no_other()
    {
        var readme = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "README.md"));
        var parameters = readme[readme.IndexOf("## Parameters", StringComparison.Ordinal)..readme.IndexOf("## Kata", StringComparison.Ordinal)];
        var flags = TableFlag().Matches(parameters).Select(m => m.Value).ToHashSet();

        Assert.Equal(flags.Order(), Table.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Flags))]
    public async Task Every_hostile_value_exits_2_with_one_line_naming_the_flag_before_any_target_runs(string flag)
    {
        using var root = new TempDirectory("sevstack-hostile");
        var failures = new List<string>();
        // Values are read before the run, --help or --plan is chosen, so each value is tried in a run and, in turn, with --help or --plan.
        foreach (var (value, index) in NoParameterTakes.Concat(Table[flag].Hostile).Select((v, i) => (v, i)))
            foreach (var mode in new[] { "CleanCache", index % 2 == 0 ? "--help" : "--plan CleanCache" })
            {
                var (exit, output) = await BuildProgram.RunIsolated(root, [.. mode.Split(' '), $"{flag}={value}", "--cache-dir", root.Combine("cache")]);
                if (Problem(flag, exit, output) is { } problem)
                    failures.Add($"{mode} {flag}={Shown(value)}: {problem}");
                if (Directory.Exists(root.Combine("artifacts")) || Directory.Exists(root.Combine("cache")))
                    failures.Add($"{mode} {flag}={Shown(value)}: a target ran (artifacts or cache folder created)");
            }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [MemberData(nameof(Flags))]
    public async Task The_accepted_value_is_accepted(string flag)
    {
        using var root = new TempDirectory("sevstack-hostile");

        var (exit, output) = await BuildProgram.RunIsolated(root, "--plan", "CleanCache", $"{flag}={Table[flag].Accepted}");

        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task The_native_program_refuses_them_too()
    {
        using var root = new TempDirectory("sevstack-hostile");
        string[][] cases =
        [
            ["--runtime-name=kata\nExecStartPre=/bin/sh"], ["--runtime-name=kata --debug"], ["--runtime-name=a=b"], ["--block-device-driver=floppy"],
            ["--swiotlb=-5"], ["--swiotlb=0"], ["--kernel-config=foo"], ["--kernel-modules=/etc/os-release"], ["--sysroot="], ["--cache-keep=-1"], ["--kernel-cmdline=$(reboot)"],
            ["--host-packages=-oAPT::x=1"], ["--guest-name=../../x"], ["--install-prefix=/usr"], ["--jobs=" + HugeNumber], ["--kata-version=v3"],
            ["--maintainer=Jane <a@b.org>, Joe <c@d.org>"], ["--docker-repository=https://x.org/\"y"], ["--parallel=0"], ["--skip=Nope"],
        ];
        var failures = new List<string>();
        foreach (var args in cases)
        {
            var flag = FlagOf().Match(args[0]).Value;
            var (exit, output) = await BuildProgram.RunIsolated(root, native: true, ["CleanCache", .. args, "--cache-dir", root.Combine("cache")]);
            if ((flag == "--skip" ? exit == 2 && output.TrimEnd('\n').Split('\n').Length == 1 ? null : $"exit {exit}: {output}" : Problem(flag, exit, output)) is { } problem)
                failures.Add($"{Shown(args[0])}: {problem}");
            if (Directory.Exists(root.Combine("artifacts")) || Directory.Exists(root.Combine("cache")))
                failures.Add($"{Shown(args[0])}: a target ran");
            var (helpExit, help) = await BuildProgram.RunIsolated(root, native: true, ["--help", .. args]);
            if (helpExit != 2)
                failures.Add($"--help {Shown(args[0])}: exit {helpExit}: {help}");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    static string? Problem(string flag, int exit, string output)
    {
        var lines = output.TrimEnd('\n').Split('\n');
        return exit != 2 ? $"exit {exit}: {Shown(output)}"
            : lines.Length != 1 ? $"{lines.Length} lines: {Shown(output)}"
            : !output.StartsWith("error: ", StringComparison.Ordinal) || !output.Contains(flag, StringComparison.Ordinal) ? $"does not name {flag}: {output}"
            : null;
    }

    static string Shown(string text) => text.Length > 60 ? text[..60].ReplaceLineEndings("\\n") + "…" : text.ReplaceLineEndings("\\n");

    [GeneratedRegex(@"(?<=^\| `[^|]*)--[a-z][a-z0-9]*(-[a-z0-9]+)*", RegexOptions.Multiline)]
    private static partial Regex TableFlag();

    [GeneratedRegex(@"^--[a-z][a-z0-9-]*")]
    private static partial Regex FlagOf();
}
