// The tests debootstrap, chroot and mount: Linux only, and one root at a time so the two cores are not oversubscribed.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
[assembly: CollectionBehavior(DisableTestParallelization = true)]
