// SPDX-License-Identifier: MIT
using Reflect.Guest.Scenarios;
using Xunit;

namespace Reflect.Tests.Qemu;

/// <summary>
/// reflect as an appliance runs it: an HA pair under keepalived, and the Debian packages installed
/// with DKMS building the module in the guest. Each runs on the kernels its script's header names
/// (and the packages scenario only when named: building the module under TCG takes minutes).
/// </summary>
[Collection(GuestsDefinition.Name)]
public sealed class ApplianceScenarioTests(GuestPool pool)
{
    [ScenarioFact("ha-pair")]
    [Trait("scenario", "ha-pair")]
    public async Task In_a_keepalived_pair_the_standby_that_takes_the_virtual_address_reflects_from_its_first_reply_whether_keepalived_stops_or_the_link_goes()
    {
        foreach (string series in GuestPool.KernelsRunning("ha-pair"))
        {
            ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "ha-pair");

            outcome.ShouldHavePassed(
                "reflectctl apply brings up reflection on the master",
                "and on the standby, from the same file",
                "the appliance becomes master and holds the virtual address",
                "the client reaches the virtual address, answered via R2",
                "the master's entry for the client points at R2",
                "the master's table is saved, with a quiet client's entry",
                "keepalived stopped on the master: the standby takes the address",
                "and answers via R2 from its first reply on",
                "its entry for the client points at R2",
                "the notify script restored the saved table: the quiet client's entry points at R2",
                "a new TCP connection transfers, via R2",
                "the appliance, back, takes the address again",
                "and answers via R2",
                "the master's link pulled: the standby takes the address");
        }
    }

    [ScenarioFact("packages")]
    [Trait("scenario", "packages")]
    public async Task Installing_the_packages_builds_the_module_with_DKMS_and_the_units_commands_bring_up_reflection_covering_an_interface_that_appears_later()
    {
        foreach (string series in GuestPool.KernelsRunning("packages"))
        {
            ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "packages");

            outcome.ShouldHavePassed(
                "the packages were built (ci/package)",
                "a writable root over the userland, with the running kernel's modules and headers",
                "dpkg installs reflect-dkms, and DKMS builds reflect.ko for the running kernel",
                "dkms status says installed for the running kernel",
                "dpkg installs reflectctl",
                "the unit's ExecStart commands load the module and apply the file, leaving eth1 out",
                "modprobe loaded the module DKMS built, of the packages' version",
                "eth0 is enabled, eth1 not yet",
                "ping: replies via R2",
                "iperf3: replies via R2",
                "once eth1 exists, ExecReload (the udev rule's action) enables it",
                "a second ExecReload changes nothing",
                "ExecStop turns reflection off",
                "then replies follow the routing table: via R1");
        }
    }
}
