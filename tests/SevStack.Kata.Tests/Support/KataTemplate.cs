using System.Text.RegularExpressions;

namespace SevStack.Kata.Tests.Support;

/// <summary>
/// Renders Kata's configuration-*.toml.in templates the way the runtime Makefile's sed step does, with
/// kata-deploy style values (/opt/kata prefix), so the real templates can be edited as installed files.
/// </summary>
static class KataTemplate
{
    static readonly Dictionary<string, string> Values = new()
    {
        ["CONFIG_QEMU_IN"] = "config/configuration-qemu.toml.in",
        ["CONFIG_QEMU_SEV_IN"] = "config/configuration-qemu-sev.toml.in",
        ["CONFIG_QEMU_SNP_IN"] = "config/configuration-qemu-snp.toml.in",
        ["PROJECT_NAME"] = "Kata Containers",
        ["PROJECT_TYPE"] = "kata",
        ["QEMUPATH"] = "/opt/kata/bin/qemu-system-x86_64",
        ["QEMUVALIDHYPERVISORPATHS"] = "[\"/opt/kata/bin/qemu-system-x86_64\"]",
        ["KERNELPATH"] = "/opt/kata/share/kata-containers/vmlinuz.container",
        ["KERNELCONFIDENTIALPATH"] = "/opt/kata/share/kata-containers/vmlinuz-confidential.container",
        ["IMAGEPATH"] = "/opt/kata/share/kata-containers/kata-containers.img",
        ["IMAGECONFIDENTIALPATH"] = "/opt/kata/share/kata-containers/kata-containers-confidential.img",
        ["INITRDPATH"] = "/opt/kata/share/kata-containers/kata-containers-initrd.img",
        ["INITRDCONFIDENTIALPATH"] = "/opt/kata/share/kata-containers/kata-containers-initrd-confidential.img",
        ["KERNELVERITYPARAMS"] = "",
        ["MACHINETYPE"] = "q35",
        ["KERNELPARAMS"] = "cgroup_no_v1=all systemd.unified_cgroup_hierarchy=1",
        ["FIRMWAREPATH"] = "",
        ["FIRMWARESEVPATH"] = "/opt/kata/share/ovmf/OVMF.fd",
        ["FIRMWARESNPPATH"] = "/opt/kata/share/ovmf/AMDSEV.fd",
        ["FIRMWAREVOLUMEPATH"] = "",
        ["FIRMWARETDVFVOLUMEPATH"] = "",
        ["MACHINEACCELERATORS"] = "",
        ["CPUFEATURES"] = "pmu=off",
        ["DEFROOTFSTYPE"] = "\"ext4\"",
        ["DEFENABLEANNOTATIONS"] = "[\"enable_iommu\", \"virtio_fs_extra_args\", \"kernel_params\"]",
        ["DEFENABLEANNOTATIONS_COCO"] = "[\"enable_iommu\", \"virtio_fs_extra_args\", \"kernel_params\", \"default_vcpus\", \"default_memory\"]",
        ["DEFVCPUS"] = "1",
        ["DEFMAXVCPUS"] = "0",
        ["DEFBRIDGES"] = "1",
        ["DEFMEMSZ"] = "2048",
        ["DEFMEMSLOTS"] = "10",
        ["DEFMAXMEMSZ"] = "0",
        ["DEFDISABLEBLOCK"] = "false",
        ["DEFSHAREDFS_QEMU_VIRTIOFS"] = "virtio-fs",
        ["DEFSHAREDFS_QEMU_SEV_VIRTIOFS"] = "none",
        ["DEFSHAREDFS_QEMU_SNP_VIRTIOFS"] = "none",
        ["DEFVIRTIOFSDAEMON"] = "/opt/kata/libexec/virtiofsd",
        ["DEFVALIDVIRTIOFSDAEMONPATHS"] = "[\"/opt/kata/libexec/virtiofsd\"]",
        ["DEFVIRTIOFSCACHESIZE"] = "0",
        ["DEFVIRTIOFSQUEUESIZE"] = "1024",
        ["DEFVIRTIOFSEXTRAARGS"] = "[\"--thread-pool-size=1\", \"--announce-submounts\"]",
        ["DEFVIRTIOFSCACHE"] = "auto",
        ["DEFBLOCKSTORAGEDRIVER_QEMU"] = "virtio-scsi",
        ["DEFBLOCKDEVICEAIO_QEMU"] = "io_uring",
        ["DEFENABLEIOTHREADS"] = "false",
        ["DEFINDEPIOTHREADS"] = "0",
        ["DEFENABLEVHOSTUSERSTORE"] = "false",
        ["DEFVHOSTUSERSTOREPATH"] = "/var/run/kata-containers/vhost-user",
        ["DEFVALIDVHOSTUSERSTOREPATHS"] = "[\"/var/run/kata-containers/vhost-user\"]",
        ["DEFFILEMEMBACKEND"] = "",
        ["DEFVALIDFILEMEMBACKENDS"] = "[\"\"]",
        ["DEFMSIZE9P"] = "8192",
        ["DEFDISABLEIMAGENVDIMM"] = "true",
        ["DEFENTROPYSOURCE"] = "/dev/urandom",
        ["DEFVALIDENTROPYSOURCES"] = "[\"/dev/urandom\",\"/dev/random\",\"\"]",
        ["DEFSECCOMPSANDBOXPARAM"] = "on,obsolete=deny,spawn=deny,resourcecontrol=deny",
        ["DEFDISABLESELINUX"] = "false",
        ["DEFDISABLEGUESTSELINUX"] = "true",
        ["DEFGUESTSELINUXLABEL"] = "system_u:system_r:container_t",
        ["DEFNETWORKMODEL_QEMU"] = "tcfilter",
        ["DEFDISABLEGUESTSECCOMP"] = "true",
        ["DEFSANDBOXCGROUPONLY"] = "false",
        ["DEFSTATICRESOURCEMGMT"] = "false",
        ["DEFSTATICRESOURCEMGMT_TEE"] = "true",
        ["DEFBINDMOUNTS"] = "[]",
        ["DEFVFIOMODE"] = "guest-kernel",
        ["DEFDISABLEGUESTEMPTYDIR"] = "false",
        ["DEFEMPTYDIRMODE_COCO"] = "shared-fs",
        ["DEFAULTEXPFEATURES"] = "[]",
        ["DEFCREATECONTAINERTIMEOUT"] = "60",
        ["DEFDANCONF"] = "/run/kata-containers/dans",
        ["DEFFORCEGUESTPULL"] = "false",
        ["DEFKUBELETROOTDIR"] = "/var/lib/kubelet",
        ["DEFPODRESOURCEAPISOCK"] = "",
    };

    public static string Render(string templateText) =>
        Regex.Replace(templateText, "@([A-Za-z0-9_]+)@", m => Values.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"no test value for template variable {m.Value}"));

    public static string RenderFile(params string[] testDataPath) =>
        Render(File.ReadAllText(SevStack.Testing.SharedData.TestData(testDataPath)));
}
