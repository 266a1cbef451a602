// What every stage module declares with: modules, parameters, targets, the shared parameter types, build components
// and fetched sources, and the stages themselves.
global using SevStack.Build.Parameters;
global using SevStack.Engine.Hosting;
global using SevStack.Engine.Parameters;
global using SevStack.Engine.Targets;
global using SevStack.Components.BuildDeps;
global using SevStack.Sources;
global using SevStack.Build.Modules;
global using SevStack.Build.Modules.Cache;
global using SevStack.Build.Modules.Checks;
global using SevStack.Build.Modules.Docker;
global using SevStack.Build.Modules.Host;
global using SevStack.Build.Modules.Installer;
global using SevStack.Build.Modules.Kata;
global using SevStack.Build.Modules.Kernel;
global using SevStack.Build.Modules.Launch;
global using SevStack.Build.Modules.Measure;
global using SevStack.Build.Modules.Ovmf;
global using SevStack.Build.Modules.Packaging;
global using SevStack.Build.Modules.Qemu;
global using SevStack.Build.Modules.Setup;
global using SevStack.Build.Modules.Smoke;
global using SevStack.Build.Modules.Sources;
global using SevStack.Build.Modules.Test;
global using SevStack.Build.Modules.Toolchain;
