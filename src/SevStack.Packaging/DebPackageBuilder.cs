using SevStack.Toolkit;
using SevStack.Engine.Caching;
using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;
using SevStack.Packaging.Control;
using SevStack.Packaging.Docs;
using SevStack.Packaging.Inputs;
using SevStack.Packaging.Outputs;
using SevStack.Packaging.Tree;

namespace SevStack.Packaging;

/// <summary>Builds one reproducible .deb from a staged install tree with dpkg-deb.</summary>
/// <param name="libraryRunner">
/// Runs what reads the system's libraries (dpkg-shlibdeps): a build root's runner when the packages are for another
/// release, so their Depends name that release's libraries; null: <paramref name="runner"/>, this machine's.
/// </param>
public sealed class DebPackageBuilder(ICommandRunner runner, ICommandRunner? libraryRunner = null)
{
    /// <summary>Builds the package into <paramref name="outputFolder"/>; the .deb appears there complete or not at all.</summary>
    /// <returns>The record for the manifest; <see cref="PackageRecord.File"/> is the file name.</returns>
    public async Task<PackageRecord> BuildAsync(DebPackageSpec spec, string outputFolder, CancellationToken cancellationToken = default)
    {
        await ValidateAsync(spec, cancellationToken).ConfigureAwait(false);
        var tree = IsPlanned(runner, spec) ? null : StagedTree.Load(spec.Name, spec.StagingRoot, spec.Prefix);
        var sourceDate = new SourceDate(spec.SourceDateEpoch);

        var workspace = Directory.CreateTempSubdirectory($"sevstack-deb-{spec.Name}-").FullName;
        try
        {
            var root = new PackageRoot(Path.Combine(workspace, "root"));
            if (tree is not null)
                root.CopyFrom(tree);
            else
                Directory.CreateDirectory(root.Path);
            var elfFiles = await PrepareBinariesAsync(spec, root, cancellationToken).ConfigureAwait(false);
            await WriteDocsAsync(spec, root, cancellationToken).ConfigureAwait(false);
            root.Normalise(sourceDate.Value);

            var depends = await new SharedLibraryDepends(libraryRunner ?? runner).ComputeAsync(spec.Name, elfFiles, cancellationToken).ConfigureAwait(false);
            WriteControlDirectory(spec, root, depends, sourceDate);

            var fileName = FileName(spec);
            var finalPath = Path.Combine(outputFolder, fileName);
            await PackAsync(root, finalPath, sourceDate, cancellationToken).ConfigureAwait(false);
            var sha256 = runner.IsDryRun ? "" : FileHashes.Sha256(finalPath);
            return new PackageRecord(spec.Name, spec.Version, spec.Architecture, fileName, sha256, spec.Source, spec.CacheKey);
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }
    }

    /// <summary>A dry run whose component build only printed its commands has no staged tree yet: the package is planned from its spec alone.</summary>
    public static bool IsPlanned(ICommandRunner runner, DebPackageSpec spec) => runner.IsDryRun && !Directory.Exists(spec.StagingRoot);

    /// <summary>dpkg's canonical name: &lt;package&gt;_&lt;version&gt;_&lt;architecture&gt;.deb.</summary>
    public static string FileName(DebPackageSpec spec) => $"{spec.Name}_{spec.Version}_{spec.Architecture}.deb";

    async Task ValidateAsync(DebPackageSpec spec, CancellationToken cancellationToken)
    {
        PackageName.Validate(spec.Name);
        if (DistributionFiles.IsDistributionPackageName(spec.Name))
            throw new BuildException($"Package name '{spec.Name}' belongs to Debian's own packages: give ours a distinct name such as sevstack-{spec.Name}.");
        if (string.IsNullOrWhiteSpace(spec.Architecture) || spec.Architecture.Any(char.IsWhiteSpace))
            throw new BuildException($"Architecture '{spec.Architecture}' of package {spec.Name} is not a dpkg architecture: use amd64 for binaries or all for data.");
        if (string.IsNullOrWhiteSpace(spec.Maintainer) || !spec.Maintainer.Contains('<', StringComparison.Ordinal))
            throw new BuildException($"Maintainer '{spec.Maintainer}' of package {spec.Name} needs the form 'Full Name <address>': set the maintainer parameter.");
        if (spec.SourceDateEpoch < 0)
            throw new BuildException($"SOURCE_DATE_EPOCH {spec.SourceDateEpoch} of package {spec.Name} is negative: take it from the source's commit date.");
        await new DebianVersion(runner).ValidateAsync(spec.Version, spec.Name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Strips linked ELF files when asked and returns their paths for dpkg-shlibdeps.</summary>
    async Task<IReadOnlyList<string>> PrepareBinariesAsync(DebPackageSpec spec, PackageRoot root, CancellationToken cancellationToken)
    {
        var linked = new List<string>();
        var stripper = new BinaryStripper(runner);
        foreach (var relative in root.RegularFiles())
        {
            var full = root.Full(relative);
            var kind = ElfHeader.Read(full);
            if (!ElfHeader.IsLinked(kind))
                continue;
            if (spec.Strip)
                await stripper.StripAsync(full, kind, cancellationToken).ConfigureAwait(false);
            linked.Add(full);
        }
        return linked;
    }

    async Task WriteDocsAsync(DebPackageSpec spec, PackageRoot root, CancellationToken cancellationToken)
    {
        var docFolder = root.Full($"usr/share/doc/{spec.Name}");
        Directory.CreateDirectory(docFolder);
        File.WriteAllText(Path.Combine(docFolder, "copyright"), PackageDocs.Copyright(spec));
        var changelog = Path.Combine(docFolder, "changelog.Debian");
        File.WriteAllText(changelog, PackageDocs.Changelog(spec));
        // -n leaves the name and time out of the gzip header, so the bytes depend on the text alone.
        await runner.RunAsync(new CommandSpec("gzip", "-9n", changelog), cancellationToken).ConfigureAwait(false);
        File.WriteAllText(Path.Combine(docFolder, EmbeddedBuildReport.FileName), ReportJson.Serialize(EmbeddedBuildReport.From(spec)));
        var overrides = root.Full(LintianOverrides.RelativePath(spec.Name));
        Directory.CreateDirectory(Path.GetDirectoryName(overrides)!);
        File.WriteAllText(overrides, LintianOverrides.For(spec.Name, spec.Prefix, spec.LintianOverrides));
    }

    void WriteControlDirectory(DebPackageSpec spec, PackageRoot root, IReadOnlyList<string> depends, SourceDate sourceDate)
    {
        var entries = root.Walk();
        var regularFiles = root.RegularFiles();
        var conffiles = ControlFiles.Conffiles(regularFiles);
        var control = new ControlFields()
            .Add("Package", spec.Name)
            .Add("Version", spec.Version)
            .Add("Architecture", spec.Architecture)
            .Add("Maintainer", spec.Maintainer)
            .Add("Installed-Size", ControlFiles.InstalledSizeKiB(root.Path, entries).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .AddIfAny("Depends", depends.Concat(spec.ExtraDepends))
            .AddIfAny("Conflicts", spec.Conflicts)
            .AddIfAny("Replaces", spec.Replaces)
            .Add("Section", spec.Section)
            .Add("Priority", spec.Priority)
            .AddIfSet("Homepage", spec.Homepage)
            .Add("Description", DescriptionText.Format(spec.Summary, spec.LongDescription));

        Directory.CreateDirectory(root.ControlDirectory);
        WriteControlMember(root, "control", control.Render(), sourceDate);
        WriteControlMember(root, "md5sums", ControlFiles.Md5Sums(root.Path, regularFiles.Where(f => !f.StartsWith("etc/", StringComparison.Ordinal))), sourceDate);
        if (conffiles.Length > 0)
            WriteControlMember(root, "conffiles", conffiles, sourceDate);
        File.SetUnixFileMode(root.ControlDirectory, PackageRoot.DirectoryMode);
        Directory.SetLastWriteTimeUtc(root.ControlDirectory, sourceDate.Value.UtcDateTime);
    }

    static void WriteControlMember(PackageRoot root, string name, string content, SourceDate sourceDate)
    {
        var path = Path.Combine(root.ControlDirectory, name);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, PackageRoot.DataMode);
        File.SetLastWriteTimeUtc(path, sourceDate.Value.UtcDateTime);
    }

    /// <summary>dpkg-deb writes a hidden temporary name in the output folder; only a complete, hashed file is renamed to *.deb.</summary>
    async Task PackAsync(PackageRoot root, string finalPath, SourceDate sourceDate, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(finalPath)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(finalPath)}.{Environment.ProcessId}.partial");
        try
        {
            await runner.RunAsync(new CommandSpec("dpkg-deb", "--root-owner-group", "-Zxz", "--build", root.Path, temporary)
            {
                Environment = new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = sourceDate.Invariant },
            }, cancellationToken).ConfigureAwait(false);
            if (!runner.IsDryRun)
                File.Move(temporary, finalPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
