namespace SevStack.Build.Parameters;

/// <summary>Kata's block_device_driver for x86 guests (--block-device-driver), written as virtio-scsi, virtio-blk or nvdimm.</summary>
public enum BlockDeviceDriver
{
    VirtioScsi,
    VirtioBlk,
    Nvdimm,
}
