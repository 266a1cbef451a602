using SevStack.Toolkit;
using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;
using SevStack.Packaging.Apt;
using SevStack.Packaging.Docs;
using SevStack.Packaging.Outputs;
using SevStack.Packaging.Tree;

namespace SevStack.Packaging;

/// <summary>The PackageDebs target's work: check inputs, build and collect packages, write SHA256SUMS, manifest.json (also debs/manifest.json) and the apt repository.</summary>
/// <param name="libraryRunner">Where dpkg-shlibdeps runs (<see cref="DebPackageBuilder"/>): a build root's runner, or null for this machine.</param>
public sealed class PackageDebsPipeline(ICommandRunner runner, IBuildLog log, ICommandRunner? libraryRunner = null)
{
    public async Task<PackageDebsResult> RunAsync(PackageDebsRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Packages.Count == 0 && request.KernelDebs.Count == 0)
            throw new BuildException("Nothing to package: no staged trees and no kernel packages were given; run the component builds first.");

        var layout = new ArtifactsLayout(Path.GetFullPath(request.ArtifactsRoot));
        FileCollisions.Check([.. request.Packages.Where(s => !DebPackageBuilder.IsPlanned(runner, s))
            .Select(s => (s, StagedTree.Load(s.Name, s.StagingRoot, s.Prefix)))]);
        if (!runner.IsDryRun)
            layout.EnsureWritable();

        var duplicate = request.Packages.Select(DebPackageBuilder.FileName).Concat(request.KernelDebs.Select(k => Path.GetFileName(k.Path)))
            .GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new BuildException($"Two inputs produce {duplicate.Key}: give each package its own name or version.");

        var records = new List<PackageRecord>();
        var builder = new DebPackageBuilder(runner, libraryRunner);
        foreach (var spec in request.Packages)
            records.Add(await builder.BuildAsync(spec, layout.Debs, cancellationToken).ConfigureAwait(false));
        var collector = new KernelDebCollector(runner);
        foreach (var kernelDeb in request.KernelDebs)
            records.Add(await collector.CollectAsync(kernelDeb, layout.Debs, request.IncludeLinuxLibcDev, cancellationToken).ConfigureAwait(false));

        var manifest = new BuildManifest([.. records
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => r with { File = "debs/" + r.File })]);
        if (runner.IsDryRun)
        {
            log.Info($"would write {manifest.Packages.Count} packages to {layout.Debs} (with {layout.DebsManifest}), {layout.Sha256Sums}, {layout.Manifest} and {layout.Apt}");
            return new PackageDebsResult(layout, manifest);
        }

        RemoveStaleDebs(layout, records);
        AtomicFile.WriteAllText(layout.Sha256Sums, manifest.ToSha256Sums());
        AtomicFile.WriteAllText(layout.Manifest, manifest.ToJson());
        AtomicFile.WriteAllText(layout.DebsManifest, manifest.InDebsFolder().ToJson());

        var releaseDate = new SourceDate(request.Packages.Select(p => p.SourceDateEpoch).DefaultIfEmpty(0).Max());
        var debPaths = manifest.Packages.Select(p => Path.Combine(layout.Root, p.File)).ToList();
        await new AptRepository(runner).PublishAsync(layout.Apt, debPaths, releaseDate, request.SigningKey, cancellationToken).ConfigureAwait(false);
        return new PackageDebsResult(layout, manifest);
    }

    /// <summary>Only this run's packages stay in debs/, so nobody installs a stale one by accident.</summary>
    void RemoveStaleDebs(ArtifactsLayout layout, IReadOnlyList<PackageRecord> current)
    {
        var keep = current.Select(r => r.File).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(layout.Debs))
        {
            var name = Path.GetFileName(file);
            if ((name.EndsWith(".deb", StringComparison.Ordinal) && !keep.Contains(name)) || name.EndsWith(".partial", StringComparison.Ordinal))
            {
                log.Info($"removing {file}: not produced by this run");
                File.Delete(file);
            }
        }
    }
}
