// SPDX-License-Identifier: MIT
using Reflect.Guest.Scenarios;
using Xunit;

namespace Reflect.Tests.Qemu;

/// <summary>
/// The datapath scenarios (tests/qemu/scenarios), each on every kernel of the run. Each scenario
/// decides from counters which router or interface carried the packets; the checks listed here
/// must each have been reported as passed.
/// </summary>
[Collection(GuestsDefinition.Name)]
public sealed class DatapathScenarioTests(GuestPool pool)
{
    private static readonly string[] Traffic = ["ping4", "ping6", "udp4", "udp6", "tcp4", "tcp6"];

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "reflect-vs-routing")]
    public async Task Replies_leave_via_R1_without_reflect_and_via_R2_with_it(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "reflect-vs-routing");

        outcome.ShouldHavePassed(
        [
            .. Traffic.Select(t => $"without reflect, {t} replies leave via R1"),
            .. Traffic.Select(t => $"with reflect, {t} replies leave via R2"),
            "the client's IPv4 and IPv6 entries name eth0 and R2",
            "reflected packets are counted",
        ]);
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "failover")]
    public async Task When_R2_disappears_the_replies_follow_R1_and_nothing_stays_stuck(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "failover");

        outcome.ShouldHavePassed(
            "replies leave via R2 before the failure",
            "pings after the switch are answered",
            "the transfer's data left via R1 after the failure",
            "the transfer across the failover completes",
            "every byte sent arrived",
            "replies now leave via R1",
            "the IPv4 entry moved to R1",
            "the move is counted");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "iface-down")]
    public async Task A_learned_interface_that_goes_down_and_away_falls_back_and_drops_its_entries(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "iface-down");

        outcome.ShouldHavePassed(
            "the client's entry names eth1",
            "fallback for a down interface is counted",
            "traffic continues via R1",
            "the deleted interface's entries are gone",
            "the deleted interface is no longer enabled");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "mtu")]
    public async Task Packets_too_big_for_the_learned_interface_shrink_the_path_MTU_and_stay_on_it(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "mtu");

        outcome.ShouldHavePassed(
            "small replies are reflected over eth1 via R2",
            "a transfer with segments larger than eth1's MTU completes",
            "all of it went via R2, nothing via R1",
            "the stack learned eth1's MTU as the path MTU to the client",
            "IPv6: all of it via R2, nothing via R1",
            "IPv6: the path MTU to the client is eth1's",
            "nothing fell back for its size");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "output-path")]
    public async Task Reflected_packets_are_fragmented_queued_refused_and_tunnelled_as_routed_ones_are(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "output-path");

        outcome.ShouldHavePassed(
            "IPv4: 20 replies of three fragments each arrive whole",
            "IPv4: every fragment went via R2, none via R1",
            "IPv6: 20 replies of three fragments each arrive whole",
            "IPv6: every fragment went via R2, none via R1",
            "IPv4: sendto() of a reflected flow that POSTROUTING drops fails with EPERM",
            "IPv6: sendto() of a reflected flow that POSTROUTING drops fails with EPERM",
            "a bulk transfer through the queue completes, its frames via R2 and none via R1",
            "the queue saw the transfer",
            "replies routed into the tunnel reach the client via R1, none in clear via R2",
            "the tunnel route is counted as a fallback");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "domains")]
    public async Task The_same_addresses_in_two_VRFs_or_on_two_links_are_two_entries_each_on_its_own_path(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "domains");

        outcome.ShouldHavePassed(
            "blue: pings are answered via blue's R2",
            "red: pings are answered via red's R2",
            "the client has one entry per VRF, each on its own interface",
            "blue: a TCP transfer completes through the firewall, reflected via blue's R2",
            "red: a TCP transfer completes too, via red's R2",
            "the host on ll0 is answered",
            "the host on ll1 is answered",
            "the host on ll0 is still answered after ll1's",
            "fe80::99 has one entry per link");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "trusted")]
    public async Task Under_the_default_policy_a_forger_gets_nothing_and_only_trusted_routers_teach(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "trusted");

        outcome.ShouldHavePassed(
            "learning is trusted by default",
            "the client is answered via R2, a gateway of table 100",
            "evil forged the quiet client's address",
            "evil forged an address that never spoke",
            "evil received nothing from the appliance: no SYN-ACK, no UDP answer",
            "the client's entry still points at R2",
            "the address that never spoke has no entry",
            "the refusals are counted as untrusted",
            "the refusals are announced as untrusted events",
            "then the client's replies are routed, via R1",
            "counted as fb_untrusted",
            "the client is answered via R2 again",
            "the client is still answered via R2",
            "the appliance's connection to the server evil forges completes, via R2",
            "evil received none of it",
            "then the appliance's own connection is routed, via R1",
            "counted as fb_outbound",
            "while the client's requests are still answered via R2");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "spoof")]
    public async Task A_host_forging_the_clients_address_does_not_get_its_replies(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "spoof");

        outcome.ShouldHavePassed(
            "evil forged the client's address over UDP and TCP",
            "the client is still answered via R2 during the forgery",
            "the client's entry still points at R2",
            "evil received nothing from the appliance",
            "the forged packets were held, not learned",
            "the entry never moved");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "spoof-comeback")]
    public async Task A_client_whose_entry_a_forger_took_while_it_was_quiet_gets_it_back_with_its_first_request(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "spoof-comeback");

        foreach (string round in new[] { "without conntrack", "with conntrack" })
        {
            outcome.ShouldHavePassed(
                $"{round}: evil took the quiet client's entry",
                $"{round}: the client's pings are answered",
                $"{round}: every echo reply went via R2",
                $"{round}: evil received none of them",
                $"{round}: the entry points at R2 while evil keeps forging");
        }

        outcome.ShouldHavePassed("the comebacks are counted as moves");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "spoof-tcp")]
    public async Task Blind_SYN_RST_and_FIN_segments_on_an_established_session_do_not_move_its_entry(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "spoof-tcp");

        outcome.ShouldHavePassed(
            "the session is answered via R2",
            "evil forged SYN, RST and FIN segments on the session",
            "the session carried on throughout",
            "the client's entry still points at R2",
            "evil received no segment from the appliance",
            "the forged segments were held, not learned",
            "the entry never moved");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "learn-accepted")]
    public async Task Only_packets_accepted_for_local_delivery_teach_with_the_destination_after_DNAT(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "learn-accepted");

        outcome.ShouldHavePassed(
            "the client sent datagrams the INPUT firewall drops",
            "the firewall dropped them",
            "they created no entry",
            "a transfer from the IPv4 service address is answered via R2",
            "a transfer from the IPv6 service address is answered via R2",
            "its entry is for the address the socket sees",
            "reverse-path filtering dropped the client's packets on eth1",
            "the client's entry stayed on eth0",
            "nothing was learned on eth1");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "flood")]
    public async Task A_flood_of_forged_peers_keeps_the_table_at_its_limit_and_the_client_reflected(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "flood");

        outcome.ShouldHavePassed(
            "the flood of forged peers was sent",
            "the client is answered via R2 after the flood",
            "the client's entry survived the flood",
            "the table stays at its limit",
            "the table filled up",
            "refusals are counted as table-full");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "coexist")]
    public async Task Reflected_packets_pass_postrouting_counters_snat_and_conntrack(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "coexist");

        outcome.ShouldHavePassed(
            "conntrack shows the client's connection ASSURED",
            "its packets were reflected",
            "the postrouting counter saw them",
            "SNAT applied: the client saw 192.168.50.11",
            "conntrack shows the SNATed connection ASSURED");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "netns")]
    public async Task Namespaces_keep_their_own_tables_and_deleting_one_is_clean(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "netns");

        outcome.ShouldHavePassed(
            "the first appliance sees only its own entries",
            "the second appliance sees only its own entries",
            "the first appliance's entries survive the other's deletion",
            "the first appliance still reflects via R2");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "reload")]
    public async Task Twenty_unloads_under_traffic_leave_no_warning_and_nothing_behind(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "reload");

        outcome.ShouldHavePassed(
            "20 rmmod/insmod cycles under traffic", "reflection was active in each load that enabled it",
            "the transfer completes", "every byte sent arrived", "nothing of the module is left");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "stacked-ifaces")]
    public async Task VLAN_bond_and_bridge_devices_learn_as_the_ingress_interface(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "stacked-ifaces");

        outcome.ShouldHavePassed(
            "VLAN: replies leave via R2, learned on eth0.7",
            "bond: replies leave via R2, learned on bond0",
            "bridge: replies leave via R2, learned on br0");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "enslaved")]
    public async Task An_interface_enslaved_to_a_bridge_drops_its_entries_and_is_never_transmitted_on_directly(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "enslaved");

        outcome.ShouldHavePassed(
            "the client is answered via R2 over eth3",
            "the client's entry names eth3",
            "the port's entries are gone once it is enslaved",
            "the client is answered via R2 over br0",
            "the client's entry names br0",
            "nothing more was reflected directly onto the port");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "syn-heal")]
    public async Task A_new_connection_is_set_up_through_routing_when_the_learned_return_path_breaks(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "syn-heal");

        outcome.ShouldHavePassed(
            "replies leave via R2 before the failure",
            "a new TCP connection completes despite the broken return path",
            "its replies healed through routing, via R1",
            "the retransmissions' fallback is counted");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "raw-socket")]
    public async Task An_IPv4_raw_packet_whose_first_byte_says_6_is_handled_as_IPv4(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "raw-socket");

        outcome.ShouldHavePassed(
            "a static IPv6 entry for what the bytes spell",
            "ten such packets are sent",
            "the IPv4 hook saw them as IPv4",
            "none was reflected by the IPv6 entry",
            "each was a miss of the IPv4 table key");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "flow-mode")]
    public async Task In_flow_mode_each_flow_is_answered_via_its_own_router(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "flow-mode");

        outcome.ShouldHavePassed("two concurrent flows complete", "each flow is answered via its own router", "entries are kept per flow");
    }
}
