using SevStack.Engine.Planning;
using static SevStack.Engine.Tests.EngineTestKit;

namespace SevStack.Engine.Tests;

public class PlannerTests
{
    static string Order(ExecutionPlan plan) => string.Join(" ", plan.Targets.Select(t => t.Name));

    [Fact]
    public void Dependencies_run_first_and_declaration_order_breaks_ties()
    {
        var targets = Graph(T("A"), T("B"), T("C", d => d.DependsOn("B", "A")), T("D", d => d.DependsOn("C")));

        var plan = ExecutionPlanner.Plan(targets, ["D"]);

        Assert.Equal("A B C D", Order(plan));
        Assert.Equal("dependency of C", plan.Reasons[targets.Find("A")!]);
        Assert.Equal("invoked", plan.Reasons[targets.Find("D")!]);
    }

    [Fact]
    public void Several_invoked_targets_share_one_graph_and_shared_dependencies_once()
    {
        var targets = Graph(T("Fetch"), T("BuildA", d => d.DependsOn("Fetch")), T("BuildB", d => d.DependsOn("Fetch")));

        var plan = ExecutionPlanner.Plan(targets, ["BuildB", "BuildA"]);

        Assert.Equal("Fetch BuildA BuildB", Order(plan));
    }

    [Fact]
    public void After_orders_only_when_both_are_scheduled()
    {
        var targets = Graph(T("Late", d => d.After("Early", "Other")), T("Early"), T("Other"));

        Assert.Equal("Late", Order(ExecutionPlanner.Plan(targets, ["Late"])));
        Assert.Equal("Early Other Late", Order(ExecutionPlanner.Plan(targets, ["Late", "Early", "Other"])));
    }

    [Fact]
    public void Triggers_pull_targets_in_after_the_trigger()
    {
        var targets = Graph(T("Report", d => d.Triggers("Notify")), T("Build", d => d.Triggers("Report")), T("Notify"));

        var plan = ExecutionPlanner.Plan(targets, ["Build"]);

        Assert.Equal("Build Report Notify", Order(plan));
        Assert.Equal("triggered by Build", plan.Reasons[targets.Find("Report")!]);
    }

    [Fact]
    public void Names_ignore_case_and_dashes_and_accept_a_unique_prefix()
    {
        var targets = Graph(T("BuildQemu"), T("BuildKernel"), T("Test"));

        Assert.Equal("BuildQemu", Order(ExecutionPlanner.Plan(targets, ["build-qemu"])));
        Assert.Equal("Test", Order(ExecutionPlanner.Plan(targets, ["te"])));
        var ambiguous = Assert.Throws<UsageException>(() => ExecutionPlanner.Plan(targets, ["build"]));
        Assert.Equal("Target 'build' is ambiguous: it could be BuildQemu, BuildKernel", ambiguous.Message);
    }

    [Fact]
    public void Unknown_target_lists_the_valid_ones_and_the_closest_match()
    {
        var targets = Graph(T("BuildQemu"), T("BuildKernel"));

        var error = Assert.Throws<UsageException>(() => ExecutionPlanner.Plan(targets, ["BuildQmeu"]));

        Assert.Equal("Unknown target 'BuildQmeu'. Did you mean 'BuildQemu'? Valid targets: BuildQemu, BuildKernel", error.Message);
    }

    [Fact]
    public void A_cycle_is_reported_as_a_path()
    {
        var targets = Graph(T("A", d => d.DependsOn("B")), T("B", d => d.DependsOn("C")), T("C", d => d.DependsOn("A")), T("D", d => d.DependsOn("A")));

        var error = Assert.Throws<UsageException>(() => ExecutionPlanner.Plan(targets, ["D"]));

        Assert.Equal("Circular dependency: A -> B -> C -> A", error.Message);
    }

    [Fact]
    public void A_cycle_through_triggers_and_ordering_is_found_too()
    {
        var targets = Graph(T("A", d => d.Triggers("B").After("B")), T("B"));

        var error = Assert.Throws<UsageException>(() => ExecutionPlanner.Plan(targets, ["A"]));

        Assert.StartsWith("Circular dependency: ", error.Message);
        Assert.Contains("A -> B -> A", error.Message + " -> B -> A");
    }

    [Fact]
    public void All_missing_dependencies_are_reported_at_once()
    {
        var error = Assert.Throws<UsageException>(() => Graph(
            T("A", d => d.DependsOn("Nope")), T("B", d => d.DependsOn("Nope", "Gone")), T("C", d => d.After("Gone"))));

        Assert.Equal(
            "Missing dependency: Nope, required by A, B" + Environment.NewLine + "Missing dependency: Gone, required by B, C",
            error.Message);
    }

    [Fact]
    public void A_generated_graph_of_500_targets_plans_in_order()
    {
        var declared = Enumerable.Range(0, 500)
            .Select(i => T($"T{i}", d => i == 0 ? d : d.DependsOn($"T{i - 1}", $"T{i / 2}")))
            .ToArray();

        var plan = ExecutionPlanner.Plan(Graph(declared), ["T499"]);

        Assert.Equal(500, plan.Targets.Count);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"T{i}"), plan.Targets.Select(t => t.Name));
    }

    [Fact]
    public async Task Ordering_carries_through_targets_that_are_not_scheduled()
    {
        // SmokeTest runs after ConfigureDocker, which runs after InstallHost: with ConfigureDocker not in the run,
        // SmokeTest still waits for InstallHost, also when both could run at once.
        var targets = Graph(T("SmokeTest", d => d.After("ConfigureDocker")), T("ConfigureDocker", d => d.After("InstallHost")), T("InstallHost", d => d.Executes(() => Task.Delay(300))));

        var plan = ExecutionPlanner.Plan(targets, ["SmokeTest", "InstallHost"]);
        Assert.Equal("InstallHost SmokeTest", Order(plan));
        Assert.Equal([targets.Find("InstallHost")!], plan.Predecessors[targets.Find("SmokeTest")!]);

        var kit = new EngineTestKit();
        await kit.RunAsync(targets, ["SmokeTest", "InstallHost"], new Execution.ExecutionOptions { Parallelism = 2 });
        Assert.Equal(["InstallHost", "SmokeTest"], kit.Started);
    }
}
