// These tests read Linux device files, sysfs trees and run Debian packages.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
