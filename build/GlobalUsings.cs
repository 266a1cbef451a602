// What every stage module declares with: modules, parameters, targets and the shared parameter types.
global using SevStack.Build.Parameters;
global using SevStack.Engine.Hosting;
global using SevStack.Engine.Parameters;
global using SevStack.Engine.Targets;
