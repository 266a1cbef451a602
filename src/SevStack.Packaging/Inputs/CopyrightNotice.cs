namespace SevStack.Packaging.Inputs;

/// <summary>What goes into /usr/share/doc/&lt;package&gt;/copyright: who holds the copyright and under which licence.</summary>
/// <param name="Holders">e.g. "2003-2024 Fabrice Bellard and the QEMU contributors".</param>
/// <param name="License">A short licence name (SPDX or Debian style), e.g. "GPL-2" or "BSD-2-Clause-Patent".</param>
/// <param name="LicenseText">The licence text, or a pointer to /usr/share/common-licenses/ for licences shipped there.</param>
public sealed record CopyrightNotice(string Holders, string License, string LicenseText);
